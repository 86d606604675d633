package io.lexvault.identity;

import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Confirms that a user controls their e-mail address: a 6-digit code, 30 minutes, 5 tries. */
@Service
public class EmailVerification {

    public static final Duration VALID_FOR = Duration.ofMinutes(30);
    public static final int MAX_ATTEMPTS = 5;
    public static final int MAX_CODES_PER_HOUR = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum Verdict {
        VERIFIED,
        WRONG_CODE,
        /** Expired, or tried too often, or never sent: ask for a new code. */
        NEW_CODE_NEEDED
    }

    private record Try(int attempts, boolean current, byte[] codeHash) {}

    private final JdbcClient jdbc;
    private final UserRepository users;
    private final ServerKeyedHash hashes;
    private final AccountNotices notices;
    private final SecurityEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    EmailVerification(
            JdbcClient jdbc,
            UserRepository users,
            ServerKeyedHash hashes,
            AccountNotices notices,
            SecurityEvents events,
            TransactionTemplate transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.hashes = hashes;
        this.notices = notices;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Sends a new code to the user's address; any earlier code stops working.
     *
     * @return false when the user already had {@link #MAX_CODES_PER_HOUR} codes this hour (none sent)
     */
    public boolean sendCode(UserId user) {
        TenantId tenant = TenantContext.requireTenant();
        return Boolean.TRUE.equals(transactions.execute(status -> {
            var account = users.find(tenant, user).orElseThrow();
            String code = String.format("%06d", RANDOM.nextInt(1_000_000));
            Instant now = clock.instant();
            int stored = jdbc.sql("""
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
                    .param("max", MAX_CODES_PER_HOUR)
                    .param("tenant", tenant.value())
                    .param("user", user.value())
                    .param("hash", codeHash(user, code))
                    .param("now", Timestamp.from(now))
                    .param("expires", Timestamp.from(now.plus(VALID_FOR)))
                    .update();
            if (stored == 0) {
                return false;
            }
            notices.verificationCode(account, code, VALID_FOR);
            return true;
        }));
    }

    /** Checks a code; every try counts, and the sixth gets nowhere whatever it is. */
    public Verdict verify(UserId user, String presented) {
        TenantId tenant = TenantContext.requireTenant();
        String code = presented.replaceAll("\\s", "");
        return transactions.execute(status -> {
            Instant now = clock.instant();
            // Count the try first (and lock the row), so parallel guesses share the five tries.
            var attempt = jdbc.sql("""
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
            if (attempt.isEmpty()
                    || attempt.get().attempts() > MAX_ATTEMPTS
                    || !attempt.get().current()) {
                return Verdict.NEW_CODE_NEEDED;
            }
            if (!code.matches("\\d{6}") || !MessageDigest.isEqual(attempt.get().codeHash(), codeHash(user, code))) {
                return Verdict.WRONG_CODE;
            }
            jdbc.sql("UPDATE lexvault.users SET email_verified_at = :now WHERE tenant_id = :tenant AND id = :user")
                    .param("now", Timestamp.from(now))
                    .param("tenant", tenant.value())
                    .param("user", user.value())
                    .update();
            jdbc.sql("DELETE FROM lexvault.email_verification_codes WHERE tenant_id = :tenant AND user_id = :user")
                    .param("tenant", tenant.value())
                    .param("user", user.value())
                    .update();
            events.publishInBoundTenant(SecurityEventType.EMAIL_VERIFIED, user, Map.of());
            return Verdict.VERIFIED;
        });
    }

    private byte[] codeHash(UserId user, String code) {
        return hashes.hmac("email-verification|" + user + "|" + code);
    }
}
