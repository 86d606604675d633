package io.lexvault.crypto;

import io.lexvault.crypto.internal.TenantKeysets;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Operator actions on the bound firm's keys: rotation (a new primary key per purpose, the old keys
 * kept for decryption) and crypto-shredding (every keyset deleted, the firm's encrypted fields and
 * documents unreadable for good). Both run in the caller's transaction if there is one, so that the
 * caller's audit event commits with them, and both drop this node's cached keysets.
 */
@Service
public class FirmKeys {

    /** One purpose's rotation: its keyset now encrypts under the key with this id. */
    public record Rotation(String purpose, int primaryKeyId) {}

    private final TenantKeysets keysets;

    FirmKeys(TenantKeysets keysets) {
        this.keysets = keysets;
    }

    /**
     * Adds a new primary key to the bound firm's field and document keysets.
     *
     * @throws KeysDestroyedException when the firm's keys were destroyed
     */
    public List<Rotation> rotate() {
        TenantId tenant = TenantContext.requireTenant();
        return List.of(
                new Rotation(
                        FieldEncryption.PURPOSE,
                        keysets.rotate(tenant, FieldEncryption.PURPOSE, FieldEncryption.TEMPLATE)),
                new Rotation(
                        DocumentEncryption.PURPOSE,
                        keysets.rotate(tenant, DocumentEncryption.PURPOSE, DocumentEncryption.TEMPLATE)));
    }

    /**
     * Crypto-shredding: deletes the bound firm's keysets and marks them destroyed. Irreversible: the
     * firm's encrypted fields and documents can never be decrypted again (backups of the database
     * still hold the wrapped keysets until they expire), and no new keys are made for the firm.
     *
     * @return how many keysets were deleted
     */
    public int destroy() {
        return keysets.destroy(TenantContext.requireTenant());
    }
}
