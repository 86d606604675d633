package io.lexvault.identity.internal;

import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The secret part of single-use e-mailed links (password reset, invitation, sign-up): 32 random
 * bytes, base64url. Stored only as an HMAC; links that name a firm carry its id beside the token.
 */
public final class OneTimeLinks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OneTimeLinks() {}

    public static String newToken() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Checked before any hashing or lookup, so junk never reaches the database. */
    public static boolean isWellFormed(String token) {
        return token.matches("[A-Za-z0-9_-]{43}");
    }

    /**
     * Looks a firm-scoped link up inside the firm it names. A link with a malformed firm id or
     * token finds nothing without touching the database.
     */
    public static <T> Optional<T> lookUpInFirm(String firmId, String token, Function<TenantId, Optional<T>> lookUp) {
        var named = firm(firmId);
        if (named.isEmpty() || !isWellFormed(token)) {
            return Optional.empty();
        }
        var tenant = named.get();
        return TenantContext.callAs(tenant, null, () -> lookUp.apply(tenant));
    }

    /** The firm a link names, if it names one at all. */
    private static Optional<TenantId> firm(String firmId) {
        try {
            return Optional.of(new TenantId(UUID.fromString(firmId)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
