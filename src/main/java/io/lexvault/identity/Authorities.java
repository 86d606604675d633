package io.lexvault.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Roles as {@code ROLE_<name>}, permissions by their key ({@code matters.read}), as Spring Security sees them. */
public final class Authorities {

    public static final String ROLE_PREFIX = "ROLE_";

    private Authorities() {}

    public static List<GrantedAuthority> of(AccessGrants.Grants grants) {
        var authorities = new ArrayList<GrantedAuthority>();
        grants.roles().stream()
                .sorted()
                .forEach(role -> authorities.add(new SimpleGrantedAuthority(ROLE_PREFIX + role)));
        grants.permissions().stream()
                .sorted()
                .forEach(permission -> authorities.add(new SimpleGrantedAuthority(permission)));
        return authorities;
    }

    static List<GrantedAuthority> permissions(Set<String> permissions) {
        return permissions.stream()
                .sorted()
                .map(permission -> (GrantedAuthority) new SimpleGrantedAuthority(permission))
                .toList();
    }
}
