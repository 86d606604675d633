package io.lexvault.identity;

import java.io.Serial;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request authenticated by an API key: acts as the key's owner, with only the permissions that
 * are both in the key's scopes and still held by the owner now (a role taken from the owner shrinks
 * every key of theirs at once). Never stored in a session.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final SignedInUser user;
    private final UUID keyId;

    ApiKeyAuthentication(SignedInUser user, UUID keyId, Set<String> permissions) {
        super(Authorities.permissions(permissions));
        this.user = user;
        this.keyId = keyId;
        setAuthenticated(true);
    }

    @Override
    public SignedInUser getPrincipal() {
        return user;
    }

    /** Never available: the key is not kept after it has been checked. */
    @Override
    public Object getCredentials() {
        return "";
    }

    public UUID keyId() {
        return keyId;
    }
}
