package io.lexvault.identity.mfa;

import io.lexvault.crypto.FieldEncryption;
import io.lexvault.identity.RequestOrigin;
import io.lexvault.identity.SecurityEventType;
import io.lexvault.identity.UserId;
import io.lexvault.identity.internal.AccountNotices;
import io.lexvault.identity.internal.IdentityProperties;
import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.identity.internal.ServerKeyedHash;
import io.lexvault.identity.internal.UserRepository;
import io.lexvault.identity.signin.SignInSessions;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.TenantSettings;
import io.lexvault.tenancy.Tenants;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Second factors of the bound firm's users: an authenticator app (TOTP) and single-use backup
 * codes; the firm's "MFA required" policy; an administrator's reset.
 */
@Service
public class SecondFactors {

    /** Tenant setting: when "true", every user must enrol a second factor at their next sign-in. */
    public static final String MFA_REQUIRED_SETTING = "identity.mfa_required";

    public static final int BACKUP_CODES = 10;
    private static final String BACKUP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecondFactorRepository factors;
    private final Passkeys passkeys;
    private final UserRepository users;
    private final FieldEncryption encryption;
    private final ServerKeyedHash hashes;
    private final Tenants tenants;
    private final TenantSettings settings;
    private final SignInSessions sessions;
    private final SecurityEvents events;
    private final AccountNotices notices;
    private final TransactionTemplate transactions;
    private final IdentityProperties properties;
    private final Clock clock;

    SecondFactors(
            SecondFactorRepository factors,
            Passkeys passkeys,
            UserRepository users,
            FieldEncryption encryption,
            ServerKeyedHash hashes,
            Tenants tenants,
            TenantSettings settings,
            SignInSessions sessions,
            SecurityEvents events,
            AccountNotices notices,
            TransactionTemplate transactions,
            IdentityProperties properties,
            Clock clock) {
        this.factors = factors;
        this.passkeys = passkeys;
        this.users = users;
        this.encryption = encryption;
        this.hashes = hashes;
        this.tenants = tenants;
        this.settings = settings;
        this.sessions = sessions;
        this.events = events;
        this.notices = notices;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether signing in as {@code user} with a password takes a second step (an app or a passkey). */
    @Transactional(readOnly = true)
    public boolean isEnrolled(UserId user) {
        return hasAuthenticatorApp(user) || !passkeys.of(user).isEmpty();
    }

    @Transactional(readOnly = true)
    public boolean hasAuthenticatorApp(UserId user) {
        return factors.totp(TenantContext.requireTenant(), user).isPresent();
    }

    @Transactional(readOnly = true)
    public int unusedBackupCodes(UserId user) {
        return factors.unusedBackupCodes(TenantContext.requireTenant(), user);
    }

    @Transactional(readOnly = true)
    public boolean requiredByFirm() {
        return settings.get(MFA_REQUIRED_SETTING).map("true"::equals).orElse(false);
    }

    /** Sets the firm's policy (an administrator's action). */
    @Transactional
    public void requireForFirm(boolean required) {
        settings.put(MFA_REQUIRED_SETTING, String.valueOf(required));
        events.publishInBoundTenant(
                SecurityEventType.MFA_POLICY_CHANGED, null, Map.of("required", String.valueOf(required)));
    }

    /** A new secret for {@code user}'s authenticator app, not yet in force. */
    @Transactional
    public TotpEnrolment beginTotp(UserId user) {
        return pendingTotp(user, encryption.encrypt(Totp.newSecret(), pendingContext(user)));
    }

    /**
     * What the page shows for an app being set up, from its sealed secret. Only the sealed secret is
     * ever kept (in the session); the key and the QR code are drawn from it for each page.
     */
    @Transactional(readOnly = true)
    public TotpEnrolment pendingTotp(UserId user, byte[] sealedSecret) {
        TenantId tenant = TenantContext.requireTenant();
        var account = users.find(tenant, user).orElseThrow();
        byte[] secret = encryption.decrypt(sealedSecret, pendingContext(user));
        String uri = Totp.uri(secret, "LexVault (" + tenants.current().name() + ")", account.email());
        return new TotpEnrolment(sealedSecret, Totp.base32(secret), QrCodes.svg(uri));
    }

    /**
     * Puts the app in force once the user shows a code from it. Returns new backup codes when the
     * user had none (shown once), else an empty list.
     *
     * @throws InvalidSecondFactorException when the code does not match
     */
    @Transactional
    public List<String> confirmTotp(UserId user, byte[] sealedSecret, String code) {
        TenantId tenant = TenantContext.requireTenant();
        byte[] secret = encryption.decrypt(sealedSecret, pendingContext(user));
        Instant now = clock.instant();
        var step = Totp.matchingStep(secret, code, now, -1);
        if (step.isEmpty()) {
            throw new InvalidSecondFactorException();
        }
        factors.saveTotp(tenant, user, encryption.encrypt(secret, totpContext(user)), step.getAsLong(), now);
        events.publishInBoundTenant(SecurityEventType.MFA_ENROLLED, user, Map.of("method", "totp"));
        users.find(tenant, user)
                .ifPresent(
                        account -> notices.factorChanged(account, "An authenticator app was set up for your account."));
        if (factors.unusedBackupCodes(tenant, user) > 0) {
            return List.of();
        }
        return newBackupCodes(tenant, user, now);
    }

    /** Replaces the user's backup codes with ten new ones, shown once. */
    @Transactional
    public List<String> regenerateBackupCodes(UserId user) {
        TenantId tenant = TenantContext.requireTenant();
        var codes = newBackupCodes(tenant, user, clock.instant());
        events.publishInBoundTenant(SecurityEventType.BACKUP_CODES_REGENERATED, user, Map.of());
        users.find(tenant, user)
                .ifPresent(account -> notices.factorChanged(
                        account, "New backup codes were made for your account; the old ones no longer work."));
        return codes;
    }

    /**
     * Turns the user's authenticator app off, after they show a current code (a borrowed session
     * alone cannot weaken the account).
     *
     * @throws InvalidSecondFactorException when the code does not match
     */
    public void removeTotp(UserId user, String code) {
        TenantId tenant = TenantContext.requireTenant();
        var verdict = check(user, code);
        if (verdict == Verdict.LOCKED) {
            // Guessing codes from a borrowed session ends it (and every other).
            transactions.executeWithoutResult(status -> sessions.endAllExcept(user, null));
        }
        if (verdict != Verdict.ACCEPTED) {
            throw new InvalidSecondFactorException();
        }
        transactions.executeWithoutResult(status -> {
            factors.deleteTotp(tenant, user);
            factors.deleteBackupCodes(tenant, user);
            events.publishInBoundTenant(SecurityEventType.MFA_REMOVED, user, Map.of("method", "totp"));
            users.find(tenant, user)
                    .ifPresent(account -> notices.factorChanged(
                            account, "The authenticator app and backup codes of your account were turned off."));
        });
    }

    /**
     * An administrator's reset: the user's second factors are removed and every session of theirs
     * ends; they enrol again at their next sign-in if the firm requires it.
     */
    @Transactional
    public boolean reset(UserId user) {
        TenantId tenant = TenantContext.requireTenant();
        if (users.find(tenant, user).isEmpty()) {
            return false;
        }
        factors.deleteTotp(tenant, user);
        factors.deleteBackupCodes(tenant, user);
        int passkeysRemoved = passkeys.removeAll(user);
        int ended = sessions.endAllExcept(user, null);
        users.find(tenant, user).ifPresent(notices::secondFactorsReset);
        events.publishInBoundTenant(
                SecurityEventType.MFA_RESET,
                user,
                Map.of("sessions_ended", String.valueOf(ended), "passkeys_removed", String.valueOf(passkeysRemoved)));
        return true;
    }

    /**
     * The password step counted as an attempt before it was checked; a right password gives that
     * count back, without resetting the others (so guessing the second factor stays limited).
     */
    @Transactional
    public void passwordProvedRight(UserId user) {
        users.forgiveOneAttempt(
                TenantContext.requireTenant(), user, properties.lockout().maxFailures());
    }

    /** What became of a second-factor code. */
    public enum Verdict {
        ACCEPTED,
        REFUSED,
        /** Refused, and the account is (now) locked: the pending sign-in ends. */
        LOCKED
    }

    /**
     * Checks a second-factor code at sign-in: a current authenticator code (each usable once) or an
     * unused backup code. Every attempt counts against the account's lockout, like a password.
     */
    public boolean verify(UserId user, String presented) {
        return check(user, presented) == Verdict.ACCEPTED;
    }

    public Verdict check(UserId user, String presented) {
        TenantId tenant = TenantContext.requireTenant();
        var lockout = properties.lockout();
        Instant now = clock.instant();
        var attempt = transactions.execute(status ->
                users.registerAttempt(tenant, user, now, lockout.maxFailures(), now.plus(lockout.duration())));
        if (attempt == null || attempt.isEmpty()) {
            return Verdict.REFUSED;
        }
        if (attempt.get().refusedAsLocked()) {
            return Verdict.LOCKED;
        }
        Boolean accepted = transactions.execute(status -> accepts(tenant, user, presented, now));
        if (Boolean.TRUE.equals(accepted)) {
            transactions.executeWithoutResult(status -> users.unlock(tenant, user));
            return Verdict.ACCEPTED;
        }
        events.publishInBoundTenant(SecurityEventType.SECOND_FACTOR_FAILED, user, Map.of());
        if (attempt.get().lockedByThisAttempt(lockout.maxFailures())) {
            transactions.executeWithoutResult(status -> {
                events.publishInBoundTenant(SecurityEventType.ACCOUNT_LOCKED, user, Map.of("during", "second_factor"));
                users.find(tenant, user)
                        .ifPresent(account -> notices.accountLocked(
                                account,
                                lockout.duration(),
                                RequestOrigin.current().address()));
            });
            return Verdict.LOCKED;
        }
        return Verdict.REFUSED;
    }

    private boolean accepts(TenantId tenant, UserId user, String presented, Instant now) {
        String compact = presented.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
        if (compact.matches("\\d{" + Totp.DIGITS + "}")) {
            var stored = factors.totp(tenant, user);
            if (stored.isEmpty()) {
                return false;
            }
            byte[] secret = encryption.decrypt(stored.get().secretCiphertext(), totpContext(user));
            var step = Totp.matchingStep(secret, compact, now, stored.get().lastUsedStep());
            return step.isPresent() && factors.useStep(tenant, user, step.getAsLong());
        }
        boolean used = factors.useBackupCode(tenant, user, hashes.backupCode(user, compact), now);
        if (used) {
            events.publishInBoundTenant(
                    SecurityEventType.BACKUP_CODE_USED,
                    user,
                    Map.of("remaining", String.valueOf(factors.unusedBackupCodes(tenant, user))));
        }
        return used;
    }

    private List<String> newBackupCodes(TenantId tenant, UserId user, Instant now) {
        var codes = new ArrayList<String>();
        var hashed = new ArrayList<byte[]>();
        for (int i = 0; i < BACKUP_CODES; i++) {
            var code = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                code.append(BACKUP_ALPHABET.charAt(RANDOM.nextInt(BACKUP_ALPHABET.length())));
            }
            codes.add(code.substring(0, 5) + "-" + code.substring(5));
            hashed.add(hashes.backupCode(user, code.toString()));
        }
        factors.replaceBackupCodes(tenant, user, hashed, now);
        return codes;
    }

    private static String pendingContext(UserId user) {
        return "totp-pending:" + user;
    }

    private static String totpContext(UserId user) {
        return "totp:" + user;
    }
}
