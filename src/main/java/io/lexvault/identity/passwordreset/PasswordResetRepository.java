package io.lexvault.identity.passwordreset;

import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reset request queue (no firm yet) and each firm's reset links, kept as keyed hashes only. */
@Repository
class PasswordResetRepository {

    /** A queued request: the address as typed (normalised when well formed). */
    record Request(long id, String email) {}

    private final JdbcClient jdbc;

    PasswordResetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void queue(String email, Instant now) {
        jdbc.sql("INSERT INTO lexvault.password_reset_requests (email, requested_at) VALUES (:email, :now)")
                .param("email", email)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Takes up to 100 queued requests off the queue; rows another node is taking are skipped. */
    List<Request> takeQueued() {
        return jdbc.sql("""
                        DELETE FROM lexvault.password_reset_requests
                         WHERE id IN (SELECT id FROM lexvault.password_reset_requests ORDER BY id LIMIT 100
                                         FOR UPDATE SKIP LOCKED)
                        RETURNING id, email
                        """)
                .query((row, n) -> new Request(row.getLong("id"), row.getString("email")))
                .list();
    }

    void insertLink(TenantId tenant, UserId user, byte[] tokenHash, Instant now, Instant expires) {
        jdbc.sql("""
                        INSERT INTO lexvault.password_reset_tokens (tenant_id, user_id, token_hmac, created_at, expires_at)
                        VALUES (:tenant, :user, :hash, :now, :expires)
                        """)
                .param("tenant", tenant.value())
                .param("user", user.value())
                .param("hash", tokenHash)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expires))
                .update();
    }

    /** Marks a live link used; false when it is unknown, used or expired (or another request won). */
    boolean useLink(TenantId tenant, byte[] tokenHash, Instant now) {
        return jdbc.sql("""
                        UPDATE lexvault.password_reset_tokens SET used_at = :now
                         WHERE tenant_id = :tenant AND token_hmac = :hash AND used_at IS NULL AND expires_at > :now
                        """)
                        .param("now", Timestamp.from(now))
                        .param("tenant", tenant.value())
                        .param("hash", tokenHash)
                        .update()
                == 1;
    }

    void useAllLinksOf(TenantId tenant, UserId user, Instant now) {
        jdbc.sql("""
                        UPDATE lexvault.password_reset_tokens SET used_at = :now
                         WHERE tenant_id = :tenant AND user_id = :user AND used_at IS NULL
                        """)
                .param("now", Timestamp.from(now))
                .param("tenant", tenant.value())
                .param("user", user.value())
                .update();
    }

    Optional<UserId> liveLinkUser(TenantId tenant, byte[] tokenHash, Instant now) {
        return jdbc.sql("""
                        SELECT user_id FROM lexvault.password_reset_tokens
                         WHERE tenant_id = :tenant AND token_hmac = :hash AND used_at IS NULL AND expires_at > :now
                        """)
                .param("tenant", tenant.value())
                .param("hash", tokenHash)
                .param("now", Timestamp.from(now))
                .query(UUID.class)
                .optional()
                .map(UserId::new);
    }
}
