package io.lexvault.tenancy;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The firm (and the user acting in it) that the current thread works for.
 *
 * <p>Bound once per request (or job) and read by the transaction manager, which hands it to
 * PostgreSQL at the start of every transaction. Row-level security then shows that firm's rows and no
 * others; with nothing bound, PostgreSQL shows no firm rows at all.
 */
public final class TenantContext {

    /** What is bound: the firm and, when a person or API key acts, that user. */
    public record Binding(TenantId tenant, @Nullable UUID actingUser) {}

    private static final ThreadLocal<@Nullable Binding> CURRENT = new ThreadLocal<>();

    private TenantContext() {}

    /**
     * Runs {@code work} for {@code tenant}. Binding must happen before a transaction starts: the
     * database receives the context at transaction begin, so binding inside one would silently not
     * apply (and is refused instead).
     */
    public static <T> T callAs(TenantId tenant, @Nullable UUID actingUser, Supplier<T> work) {
        try (var scope = open(tenant, actingUser)) {
            return work.get();
        }
    }

    public static void runAs(TenantId tenant, @Nullable UUID actingUser, Runnable work) {
        callAs(tenant, actingUser, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Binds {@code tenant} until the returned scope is closed, for work that cannot be a lambda (a
     * servlet filter's chain). Same rule as {@link #callAs}: never inside a transaction.
     */
    public static Scope open(TenantId tenant, @Nullable UUID actingUser) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Bind the tenant before starting a transaction, not inside one");
        }
        Binding previous = CURRENT.get();
        CURRENT.set(new Binding(tenant, actingUser));
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** An open binding; closing it restores what was bound before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    public static Optional<Binding> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The bound firm; fails closed when there is none. */
    public static TenantId requireTenant() {
        Binding binding = CURRENT.get();
        if (binding == null) {
            throw new NoTenantBoundException();
        }
        return binding.tenant();
    }
}
