package io.lexvault.identity.signin;

import io.lexvault.identity.SignedInUser;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import org.springframework.security.core.Authentication;

/**
 * A password proved right for an account with a second factor not yet shown. Kept in the session
 * beside (not as) the security context, so until the second factor the visitor is signed out in
 * every respect; it lapses after a few minutes.
 */
record PendingSignIn(Authentication passwordVerified, Instant since) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String ATTRIBUTE = "lexvault.pending-sign-in";

    SignedInUser user() {
        return (SignedInUser) passwordVerified.getPrincipal();
    }
}
