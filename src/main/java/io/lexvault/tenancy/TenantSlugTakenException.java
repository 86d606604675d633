package io.lexvault.tenancy;

/** Another firm already uses the requested slug. */
public final class TenantSlugTakenException extends RuntimeException {

    public TenantSlugTakenException(String slug) {
        super("The firm address '" + slug + "' is already taken");
    }
}
