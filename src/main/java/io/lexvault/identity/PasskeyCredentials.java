package io.lexvault.identity;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

/**
 * Spring Security's JDBC credential store, plus an event when a passkey is registered (Spring
 * saves credentials on registration and again after each use; only a new one is news).
 */
final class PasskeyCredentials implements UserCredentialRepository {

    private final UserCredentialRepository stored;
    private final SecurityEvents events;

    PasskeyCredentials(UserCredentialRepository stored, SecurityEvents events) {
        this.stored = stored;
        this.events = events;
    }

    @Override
    public void save(CredentialRecord record) {
        boolean registering = stored.findByCredentialId(record.getCredentialId()) == null;
        stored.save(record);
        if (registering
                && SecurityContextHolder.getContext().getAuthentication() != null
                && SecurityContextHolder.getContext().getAuthentication().getPrincipal() instanceof SignedInUser user) {
            events.publish(
                    SecurityEventType.PASSKEY_REGISTERED,
                    user.tenant(),
                    user.user(),
                    user.user(),
                    RequestOrigin.current(),
                    Map.of());
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
