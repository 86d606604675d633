package io.lexvault.identity.account;

import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each user's current e-mail verification code (a keyed hash), its tries and its hourly sending window. */
@Repository
class EmailVerificationRepository {

    /** One counted try: how many so far, whether the code is still within its time, and its hash. */
    record Try(int attempts, boolean current, byte[] codeHash) {}

    private final JdbcClient jdbc;

    EmailVerificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Replaces the user's code unless {@code maxPerHour} were already sent in the current hour.
     *
     * @return false when the hourly limit refused it (nothing stored)
     */
    boolean storeCode(TenantId tenant, UserId user, byte[] codeHash, Instant now, Instant expires, int maxPerHour) {
        return jdbc.sql("""
                        INSERT INTO lexvault.email_verification_codes
                               (tenant_id, user_id, code_hmac, created_at, expires_at, window_started_at)
                        VALUES (:tenant, :user, :hash, :now, :expires, :now)
                        ON CONFLICT (tenant_id, user_id) DO UPDATE
                           SET code_hmac = EXCLUDED.code_hmac, created_at = EXCLUDED.created_at,
                               expires_at = EXCLUDED.expires_at, attempts = 0,
                               codes_sent = CASE WHEN email_verification_codes.window_started_at
                                                      > CAST(:now AS timestamptz) - interval '1 hour'
                                                 THEN email_verification_codes.codes_sent + 1 ELSE 1 END,
                               window_started_at = CASE WHEN email_verification_codes.window_started_at
                                                             > CAST(:now AS timestamptz) - interval '1 hour'
                                                        THEN email_verification_codes.window_started_at
                                                        ELSE EXCLUDED.window_started_at END
                         WHERE email_verification_codes.codes_sent < :max
                            OR email_verification_codes.window_started_at
                               <= CAST(:now AS timestamptz) - interval '1 hour'
                        """)
                        .param("max", maxPerHour)
                        .param("tenant", tenant.value())
                        .param("user", user.value())
                        .param("hash", codeHash)
                        .param("now", Timestamp.from(now))
                        .param("expires", Timestamp.from(expires))
                        .update()
                != 0;
    }

    /** Counts a try first (locking the row), so that parallel guesses share the same tries. */
    Optional<Try> countTry(TenantId tenant, UserId user, Instant now) {
        return jdbc.sql("""
                        UPDATE lexvault.email_verification_codes SET attempts = attempts + 1
                         WHERE tenant_id = :tenant AND user_id = :user
                        RETURNING attempts, expires_at > :now AS current, code_hmac
                        """)
                .param("tenant", tenant.value())
                .param("user", user.value())
                .param("now", Timestamp.from(now))
                .query((row, n) ->
                        new Try(row.getInt("attempts"), row.getBoolean("current"), row.getBytes("code_hmac")))
                .optional();
    }

    void forget(TenantId tenant, UserId user) {
        jdbc.sql("DELETE FROM lexvault.email_verification_codes WHERE tenant_id = :tenant AND user_id = :user")
                .param("tenant", tenant.value())
                .param("user", user.value())
                .update();
    }
}
