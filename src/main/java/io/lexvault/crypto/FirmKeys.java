package io.lexvault.crypto;

import io.lexvault.crypto.internal.TenantKeysets;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Operator actions on the bound firm's keys: rotation (a new primary key per purpose, the old keys
 * kept for decryption) and crypto-shredding (every keyset deleted, the firm's encrypted fields and
 * documents unreadable for good). Each publishes a {@link KeyEvent} in its transaction (the caller's if
 * there is one), which the audit module records there, and both drop this node's cached keysets.
 */
@Service
public class FirmKeys {

    /** One purpose's rotation: its keyset now encrypts under the key with this id. */
    public record Rotation(String purpose, int primaryKeyId) {}

    private final TenantKeysets keysets;
    private final ApplicationEventPublisher events;

    FirmKeys(TenantKeysets keysets, ApplicationEventPublisher events) {
        this.keysets = keysets;
        this.events = events;
    }

    /**
     * Adds a new primary key to the bound firm's field and document keysets.
     *
     * @throws KeysDestroyedException when the firm's keys were destroyed
     */
    @Transactional
    public List<Rotation> rotate() {
        TenantId tenant = TenantContext.requireTenant();
        var rotations = List.of(
                new Rotation(
                        FieldEncryption.PURPOSE,
                        keysets.rotate(tenant, FieldEncryption.PURPOSE, FieldEncryption.TEMPLATE)),
                new Rotation(
                        DocumentEncryption.PURPOSE,
                        keysets.rotate(tenant, DocumentEncryption.PURPOSE, DocumentEncryption.TEMPLATE)));
        events.publishEvent(new KeyEvent.Rotated(tenant, rotations));
        return rotations;
    }

    /**
     * Crypto-shredding: deletes the bound firm's keysets and marks them destroyed. Irreversible: the
     * firm's encrypted fields and documents can never be decrypted again (backups of the database
     * still hold the wrapped keysets until they expire), and no new keys are made for the firm.
     *
     * @return how many keysets were deleted
     */
    @Transactional
    public int destroy() {
        TenantId tenant = TenantContext.requireTenant();
        int destroyed = keysets.destroy(tenant);
        events.publishEvent(new KeyEvent.Destroyed(tenant, destroyed));
        return destroyed;
    }
}
