package io.lexvault.identity.account;

import io.lexvault.identity.SecurityEventType;
import io.lexvault.identity.UserId;
import io.lexvault.identity.internal.AccountNotices;
import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.identity.internal.ServerKeyedHash;
import io.lexvault.identity.internal.UserRepository;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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

    private final EmailVerificationRepository codes;
    private final UserRepository users;
    private final ServerKeyedHash hashes;
    private final AccountNotices notices;
    private final SecurityEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    EmailVerification(
            EmailVerificationRepository codes,
            UserRepository users,
            ServerKeyedHash hashes,
            AccountNotices notices,
            SecurityEvents events,
            TransactionTemplate transactions,
            Clock clock) {
        this.codes = codes;
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
            boolean stored =
                    codes.storeCode(tenant, user, codeHash(user, code), now, now.plus(VALID_FOR), MAX_CODES_PER_HOUR);
            if (!stored) {
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
            var attempt = codes.countTry(tenant, user, now);
            if (attempt.isEmpty()
                    || attempt.get().attempts() > MAX_ATTEMPTS
                    || !attempt.get().current()) {
                return Verdict.NEW_CODE_NEEDED;
            }
            if (!code.matches("\\d{6}") || !MessageDigest.isEqual(attempt.get().codeHash(), codeHash(user, code))) {
                return Verdict.WRONG_CODE;
            }
            users.markEmailVerified(tenant, user, now);
            codes.forget(tenant, user);
            events.publishInBoundTenant(SecurityEventType.EMAIL_VERIFIED, user, Map.of());
            return Verdict.VERIFIED;
        });
    }

    private byte[] codeHash(UserId user, String code) {
        return hashes.hmac("email-verification|" + user + "|" + code);
    }
}
