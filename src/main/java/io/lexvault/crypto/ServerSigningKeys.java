package io.lexvault.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import io.lexvault.crypto.internal.KeysetWrapping;
import io.lexvault.crypto.internal.RootKey;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * LexVault's own Ed25519 keys by purpose (e.g. {@code audit-checkpoints}), generated on first use,
 * stored wrapped under the root key, raw output (no Tink prefix) so signatures are plain Ed25519 that
 * any verifier understands.
 */
@Service
public class ServerSigningKeys {

    private final ServerSigningKeyRepository rows;
    private final RootKey root;
    private final TransactionTemplate ownTransaction;
    private final Map<String, SigningKey> keys = new ConcurrentHashMap<>();

    ServerSigningKeys(ServerSigningKeyRepository rows, RootKey root, PlatformTransactionManager transactions) {
        this.rows = rows;
        this.root = root;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public SigningKey forPurpose(String purpose) {
        return keys.computeIfAbsent(purpose, p -> ownTransaction.execute(status -> loadOrCreate(p)));
    }

    private SigningKey loadOrCreate(String purpose) {
        byte[] associatedData = KeysetWrapping.signingKeyAssociatedData(purpose);
        try {
            SignatureConfig.register();
            var stored = rows.stored(purpose);
            if (stored == null) {
                var fresh = KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519WithRawOutput);
                // Held until this transaction commits, so no root key rotation removes the key this is
                // wrapped under before the row is visible to its final check (RootKeyWrapBarrier).
                rows.holdWrapBarrier();
                rows.insertIfAbsent(
                        purpose, TinkProtoKeysetFormat.serializeEncryptedKeyset(fresh, root.aead(), associatedData));
                stored = rows.stored(purpose);
            }
            if (stored == null) {
                throw new IllegalStateException("The signing key could not be stored");
            }
            var keyset = TinkProtoKeysetFormat.parseEncryptedKeyset(stored, root.aead(), associatedData);
            var publicKey = (Ed25519PublicKey)
                    keyset.getPublicKeysetHandle().getPrimary().getKey();
            return new SigningKey(
                    keyset.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class),
                    publicKey.getPublicKeyBytes().toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The signing key cannot be unwrapped with this root key", e);
        }
    }
}
