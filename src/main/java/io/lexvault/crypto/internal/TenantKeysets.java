package io.lexvault.crypto.internal;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import io.lexvault.crypto.KeysDestroyedException;
import io.lexvault.tenancy.TenantId;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each firm's Tink keysets, one per purpose ({@code fields}, {@code documents}), stored in
 * {@code tenant_keysets} wrapped under the root key and made on first use. The wrapping's associated
 * data names firm and purpose, so a wrapped keyset moved to another firm's row, or to another purpose,
 * fails to unwrap.
 *
 * <p>Rotation adds a new primary key and keeps the old ones for decryption; destruction deletes a
 * firm's keysets and marks its purposes destroyed, after which no keyset is made for them again
 * ({@link KeysDestroyedException}). Both drop this node's cache; other running nodes keep the
 * keysets they have loaded until they restart (docs/security.md).
 */
@Component
public class TenantKeysets {

    private record Key(TenantId tenant, String purpose) {}

    private final TenantKeysetRepository keysets;
    private final RootKey root;
    private final Map<Key, Object> primitives = new ConcurrentHashMap<>();
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate callersTransaction;

    TenantKeysets(TenantKeysetRepository keysets, RootKey root, PlatformTransactionManager transactions) {
        this.keysets = keysets;
        this.root = root;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.callersTransaction = new TransactionTemplate(transactions);
        this.callersTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    }

    /**
     * Adds a new key made with {@code template} to the firm's keyset for {@code purpose} and makes it
     * the primary: what is encrypted from now on uses it, what was encrypted before still decrypts
     * with the old keys, which stay. A firm without a keyset for the purpose gets its first one. Runs
     * in the caller's transaction if there is one (so an audit event can commit with it), else in its
     * own; the row is locked, so two rotations at once do not lose a key. The firm must be bound to
     * the transaction (row-level security).
     *
     * @return the id of the new primary key
     * @throws KeysDestroyedException when the firm's keys for {@code purpose} were destroyed
     */
    public int rotate(TenantId tenant, String purpose, Parameters template) {
        evictAfterTransaction(tenant);
        Integer primary = callersTransaction.execute(status -> {
            // Wraps under the root key below: no root key rotation may finish between the wrap and
            // this transaction's commit (RootKeyWrapBarrier).
            keysets.holdWrapBarrier();
            byte[] wrapAssociatedData = wrapAssociatedData(tenant, purpose);
            try {
                byte[] stored = keysets.lockedKeyset(tenant, purpose);
                if (stored == null) {
                    refuseIfDestroyed(tenant, purpose);
                    var fresh = KeysetHandle.generateNew(template);
                    insert(tenant, purpose, fresh, wrapAssociatedData);
                    return fresh.getPrimary().getId();
                }
                var current = TinkProtoKeysetFormat.parseEncryptedKeyset(stored, root.aead(), wrapAssociatedData);
                var rotated = KeysetHandle.newBuilder(current)
                        .addEntry(KeysetHandle.generateEntryFromParameters(template)
                                .withRandomId()
                                .makePrimary())
                        .build();
                keysets.replace(
                        tenant,
                        purpose,
                        TinkProtoKeysetFormat.serializeEncryptedKeyset(rotated, root.aead(), wrapAssociatedData));
                return rotated.getPrimary().getId();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(
                        "The firm's " + purpose + " keyset cannot be rotated with this root key", e);
            }
        });
        if (primary == null) {
            throw new IllegalStateException("The firm's " + purpose + " keyset could not be rotated");
        }
        return primary;
    }

    /**
     * Crypto-shredding: deletes every keyset of the firm bound to the transaction and marks its
     * purposes destroyed, so nothing encrypted for it can be decrypted again and no new keyset is
     * made for it. Runs in the caller's transaction if there is one. Evicts this node's cache.
     *
     * @return how many keysets were deleted
     */
    public int destroy(TenantId tenant) {
        evictAfterTransaction(tenant);
        Integer deleted = callersTransaction.execute(status -> keysets.destroyAllOfBoundFirm());
        return deleted == null ? 0 : deleted;
    }

    /** Evicts now and again when the transaction ends, so no other thread caches the old keyset in between. */
    private void evictAfterTransaction(TenantId tenant) {
        evict(tenant);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    evict(tenant);
                }
            });
        }
    }

    private void evict(TenantId tenant) {
        primitives.keySet().removeIf(key -> key.tenant().equals(tenant));
    }

    /** The firm's primitive for {@code purpose}, from a keyset made with {@code template} on first use. */
    public <P> P primitive(TenantId tenant, String purpose, Parameters template, Class<P> type) {
        var key = new Key(tenant, purpose);
        var cached = primitives.get(key);
        if (cached != null) {
            return type.cast(cached);
        }
        // Made and committed in a transaction of its own, so nothing is cached that a rollback of the
        // caller's transaction would leave unstored (another node would then make a different one).
        P loaded = ownTransaction.execute(status -> loadOrCreate(tenant, purpose, template, type));
        if (loaded == null) {
            throw new IllegalStateException("The firm's " + purpose + " keyset could not be loaded");
        }
        primitives.put(key, loaded);
        return loaded;
    }

    /** The firm's keyset, made on first use; two nodes making one at once agree on the stored one. */
    private <P> P loadOrCreate(TenantId tenant, String purpose, Parameters template, Class<P> type) {
        byte[] wrapAssociatedData = wrapAssociatedData(tenant, purpose);
        try {
            var stored = keysets.stored(tenant, purpose);
            if (stored == null) {
                // Destroyed keys are never replaced: a new keyset would not decrypt the old data, and a
                // shredded firm must not quietly go on encrypting (the table's trigger refuses too).
                refuseIfDestroyed(tenant, purpose);
                insert(tenant, purpose, KeysetHandle.generateNew(template), wrapAssociatedData);
                stored = keysets.stored(tenant, purpose);
            }
            if (stored == null) {
                throw new IllegalStateException("The firm's " + purpose + " keyset could not be stored");
            }
            return TinkProtoKeysetFormat.parseEncryptedKeyset(stored, root.aead(), wrapAssociatedData)
                    .getPrimitive(RegistryConfiguration.get(), type);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "The firm's " + purpose + " keyset cannot be unwrapped with this root key", e);
        }
    }

    /**
     * Stores a new keyset wrapped under the primary key of the root keyset as it is once the barrier is
     * held (the file is read again for the wrap), so a rotation cannot remove that key before this
     * transaction commits (RootKeyWrapBarrier); the caller's transaction holds the barrier until then.
     */
    private void insert(TenantId tenant, String purpose, KeysetHandle keyset, byte[] wrapAssociatedData)
            throws GeneralSecurityException {
        keysets.holdWrapBarrier();
        keysets.insertIfAbsent(
                tenant,
                purpose,
                TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, root.aead(), wrapAssociatedData));
    }

    private void refuseIfDestroyed(TenantId tenant, String purpose) {
        boolean destroyed = keysets.destroyed(tenant, purpose);
        if (destroyed) {
            throw new KeysDestroyedException(purpose);
        }
    }

    private static byte[] wrapAssociatedData(TenantId tenant, String purpose) {
        return KeysetWrapping.firmAssociatedData(tenant, purpose);
    }
}
