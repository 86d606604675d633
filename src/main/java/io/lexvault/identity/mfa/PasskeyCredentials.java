package io.lexvault.identity.mfa;

import io.lexvault.identity.RequestOrigin;
import io.lexvault.identity.SecurityEventType;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.internal.AccountNotices;
import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.identity.internal.UserRepository;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Security's JDBC credential store, plus an event when a passkey is registered (Spring
 * saves credentials on registration and again after each use; only a new one is news).
 */
final class PasskeyCredentials implements UserCredentialRepository {

    private final UserCredentialRepository stored;
    private final SecurityEvents events;
    private final UserRepository users;
    private final AccountNotices notices;
    private final TransactionTemplate transactions;

    PasskeyCredentials(
            UserCredentialRepository stored,
            SecurityEvents events,
            UserRepository users,
            AccountNotices notices,
            TransactionTemplate transactions) {
        this.stored = stored;
        this.events = events;
        this.users = users;
        this.notices = notices;
        this.transactions = transactions;
    }

    @Override
    public void save(CredentialRecord record) {
        boolean registering = stored.findByCredentialId(record.getCredentialId()) == null;
        stored.save(record);
        if (registering
                && SecurityContextHolder.getContext().getAuthentication() != null
                && SecurityContextHolder.getContext().getAuthentication().getPrincipal() instanceof SignedInUser user) {
            // The request's firm is bound (SignedInContextFilter): tell the owner by e-mail.
            transactions.executeWithoutResult(status -> {
                events.publish(
                        SecurityEventType.PASSKEY_REGISTERED,
                        user.tenant(),
                        user.user(),
                        user.user(),
                        RequestOrigin.current(),
                        Map.of());
                users.find(user.tenantId(), user.userId())
                        .ifPresent(account -> notices.factorChanged(
                                account, "A passkey named \"" + record.getLabel() + "\" was added to your account."));
            });
        }
    }

    @Override
    public void delete(Bytes credentialId) {
        stored.delete(credentialId);
    }

    @Override
    public @Nullable CredentialRecord findByCredentialId(Bytes credentialId) {
        return stored.findByCredentialId(credentialId);
    }

    @Override
    public List<CredentialRecord> findByUserId(Bytes userId) {
        return stored.findByUserId(userId);
    }
}
