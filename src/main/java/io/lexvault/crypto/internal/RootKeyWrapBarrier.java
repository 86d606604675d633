package io.lexvault.crypto.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One PostgreSQL advisory lock between wrapping a keyset under the root key and a root key rotation
 * removing the old root key (docs/adr/0006).
 *
 * <p>Without it a server could read the keyset file while it holds only the old key, wrap a firm's
 * first keyset under it, and commit after the rotation has checked every row (a check cannot see an
 * uncommitted insert) and removed the old key from the file: that keyset could never be unwrapped
 * again. So every transaction that stores a wrapped keyset takes the lock <em>shared</em> before it
 * reads the root key to wrap, and holds it until it commits (the repositories that store wrapped
 * keysets take it with {@code pg_advisory_xact_lock_shared} on {@link #KEY}); the rotation takes it
 * <em>exclusive</em> around its last check of every row and the file's replacement. The exclusive
 * lock waits for every wrap in flight to commit (the check then sees it), and a wrap that starts
 * after it waits until the file holds the new key alone (and then wraps under that).
 *
 * <p>Transaction-scoped ({@code pg_advisory_xact_lock*}): released at commit or rollback, so a
 * pooled connection never keeps it. The functions are PostgreSQL's own, executable by any role.
 */
public final class RootKeyWrapBarrier {

    /** The lock's key: fixed, apart from the per-firm keys other modules hash from ids (public for pg_locks). */
    public static final long KEY = 0x4C5652_4F4F54L; // "LVROOT"

    private RootKeyWrapBarrier() {}

    /** The barrier held exclusive; closing it releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * For a rotation's last phase: waits for every wrap in flight to commit and holds off new ones
     * until closed. Held on a connection of its own, outside Spring's transactions, so the rotation
     * can meanwhile read each firm in a transaction bound to it (a firm is bound only when a
     * transaction begins). Closing rolls that connection's transaction back, which releases it.
     */
    public static Held exclusive(DataSource dataSource) {
        try {
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(false);
                try (var lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, KEY);
                    lock.execute();
                }
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
            return () -> {
                try (connection) {
                    connection.rollback();
                } catch (SQLException e) {
                    throw new IllegalStateException("Could not release the root key wrap barrier", e);
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the root key wrap barrier", e);
        }
    }
}
