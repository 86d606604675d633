package io.lexvault.web;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Whether the current caller holds a permission, for pages that show a link or button only to those
 * who may use it. Showing is a courtesy: the handler behind it checks again ({@link RequiresPermission}).
 */
public final class CallerPermissions {

    private CallerPermissions() {}

    public static boolean holds(String permission) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.isAuthenticated()
                && authentication.getAuthorities().stream()
                        .anyMatch(authority -> permission.equals(authority.getAuthority()));
    }

    /** Whether someone is signed in (with a session or an API key), as opposed to an anonymous visitor. */
    public static boolean signedIn() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }
}
