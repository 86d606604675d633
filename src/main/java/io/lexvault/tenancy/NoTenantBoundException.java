package io.lexvault.tenancy;

/** Firm data was asked for while no firm was bound: a programming error, refused rather than guessed. */
public final class NoTenantBoundException extends IllegalStateException {

    public NoTenantBoundException() {
        super("No tenant is bound to this thread; firm data is only reachable inside TenantContext.callAs");
    }
}
