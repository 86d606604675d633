package io.lexvault.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.lexvault.crypto.internal.RootKey;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Encrypts small sensitive fields (TOTP secrets, later SSO and webhook secrets) with the bound
 * firm's own AES-256-GCM keyset (Tink). The associated data binds each ciphertext to its firm and
 * to a context naming the record ({@code totp:<user id>}), so a ciphertext copied to another row or
 * another firm fails to decrypt instead of being accepted.
 */
@Service
public class FieldEncryption {

    private static final String PURPOSE = "fields";

    private final JdbcClient jdbc;
    private final RootKey root;
    private final Map<TenantId, Aead> keysets = new ConcurrentHashMap<>();
    private final TransactionTemplate ownTransaction;

    FieldEncryption(JdbcClient jdbc, RootKey root, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.root = root;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Encrypts for the bound firm; {@code context} must be given again to decrypt. */
    @Transactional
    public byte[] encrypt(byte[] plaintext, String context) {
        TenantId tenant = TenantContext.requireTenant();
        try {
            return keysetOf(tenant).encrypt(plaintext, associatedData(tenant, context));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /**
     * @throws IllegalStateException when the ciphertext was not made for this firm and context (or
     *     was tampered with)
     */
    @Transactional
    public byte[] decrypt(byte[] ciphertext, String context) {
        TenantId tenant = TenantContext.requireTenant();
        try {
            return keysetOf(tenant).decrypt(ciphertext, associatedData(tenant, context));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A field could not be decrypted for this firm and record", e);
        }
    }

    private static byte[] associatedData(TenantId tenant, String context) {
        return ("lexvault|" + tenant + "|" + context).getBytes(StandardCharsets.UTF_8);
    }

    private Aead keysetOf(TenantId tenant) {
        var cached = keysets.get(tenant);
        if (cached != null) {
            return cached;
        }
        // Made and committed in a transaction of its own, so nothing is cached that a rollback of the
        // caller's transaction would leave unstored (another node would then make a different one).
        Aead loaded = ownTransaction.execute(status -> loadOrCreate(tenant));
        keysets.put(tenant, loaded);
        return loaded;
    }

    /** The firm's keyset, made on first use; two nodes making one at once agree on the stored one. */
    private Aead loadOrCreate(TenantId tenant) {
        byte[] wrapAssociatedData = ("lexvault-keyset|" + tenant + "|" + PURPOSE).getBytes(StandardCharsets.UTF_8);
        try {
            var stored = storedKeyset(tenant);
            if (stored == null) {
                var fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
                jdbc.sql("""
                                INSERT INTO lexvault.tenant_keysets (tenant_id, purpose, encrypted_keyset)
                                VALUES (:tenant, :purpose, :keyset) ON CONFLICT DO NOTHING
                                """)
                        .param("tenant", tenant.value())
                        .param("purpose", PURPOSE)
                        .param(
                                "keyset",
                                TinkProtoKeysetFormat.serializeEncryptedKeyset(fresh, root.aead(), wrapAssociatedData))
                        .update();
                stored = storedKeyset(tenant);
            }
            if (stored == null) {
                throw new IllegalStateException("The firm's keyset could not be stored");
            }
            return TinkProtoKeysetFormat.parseEncryptedKeyset(stored, root.aead(), wrapAssociatedData)
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The firm's keyset cannot be unwrapped with this root key", e);
        }
    }

    private byte @org.jspecify.annotations.Nullable [] storedKeyset(TenantId tenant) {
        return jdbc.sql("""
                        SELECT encrypted_keyset FROM lexvault.tenant_keysets WHERE tenant_id = :tenant AND purpose = :purpose
                        """)
                .param("tenant", tenant.value())
                .param("purpose", PURPOSE)
                .query(byte[].class)
                .optional()
                .orElse(null);
    }
}
