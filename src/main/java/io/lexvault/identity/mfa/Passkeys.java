package io.lexvault.identity.mfa;

import io.lexvault.identity.SecurityEventType;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.UserId;
import io.lexvault.identity.internal.AccountNotices;
import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.identity.internal.UserRepository;
import io.lexvault.tenancy.TenantContext;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bound firm's users' passkeys: list and remove. Registration and sign-in go through Spring
 * Security's WebAuthn endpoints ({@code /webauthn/register}, {@code /login/webauthn}).
 */
@Service
class Passkeys {

    private final PublicKeyCredentialUserEntityRepository userEntities;
    private final UserCredentialRepository credentials;
    private final SecurityEvents events;
    private final UserRepository users;
    private final AccountNotices notices;

    Passkeys(
            PublicKeyCredentialUserEntityRepository userEntities,
            UserCredentialRepository credentials,
            SecurityEvents events,
            UserRepository users,
            AccountNotices notices) {
        this.userEntities = userEntities;
        this.credentials = credentials;
        this.events = events;
        this.users = users;
        this.notices = notices;
    }

    @Transactional(readOnly = true)
    public List<Passkey> of(UserId user) {
        var entity = userEntities.findByUsername(SignedInUser.principalName(TenantContext.requireTenant(), user));
        if (entity == null) {
            return List.of();
        }
        return credentials.findByUserId(entity.getId()).stream()
                .map(record -> new Passkey(
                        record.getCredentialId().toBase64UrlString(),
                        record.getLabel(),
                        record.getCreated(),
                        record.getLastUsed()))
                .sorted(Comparator.comparing(Passkey::label))
                .toList();
    }

    /** Removes every passkey of {@code user} (an administrator's reset); returns how many. */
    @Transactional
    public int removeAll(UserId user) {
        var entity = userEntities.findByUsername(SignedInUser.principalName(TenantContext.requireTenant(), user));
        if (entity == null) {
            return 0;
        }
        var records = credentials.findByUserId(entity.getId());
        records.forEach(record -> credentials.delete(record.getCredentialId()));
        userEntities.delete(entity.getId());
        return records.size();
    }

    /** Removes one of {@code user}'s own passkeys; false when they have no such passkey. */
    @Transactional
    public boolean remove(UserId user, String credentialId) {
        if (!credentialId.matches("[A-Za-z0-9_-]{16,1000}")) {
            return false;
        }
        boolean owned =
                of(user).stream().anyMatch(passkey -> passkey.credentialId().equals(credentialId));
        if (!owned) {
            return false;
        }
        credentials.delete(Bytes.fromBase64(credentialId));
        events.publishInBoundTenant(SecurityEventType.PASSKEY_REMOVED, user, Map.of());
        users.find(TenantContext.requireTenant(), user)
                .ifPresent(account -> notices.factorChanged(account, "A passkey was removed from your account."));
        return true;
    }
}
