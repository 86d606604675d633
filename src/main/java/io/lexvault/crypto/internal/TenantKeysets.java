package io.lexvault.crypto.internal;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import io.lexvault.tenancy.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Each firm's Tink keysets, one per purpose ({@code fields}, {@code documents}), stored in
 * {@code tenant_keysets} wrapped under the root key and made on first use. The wrapping's associated
 * data names firm and purpose, so a wrapped keyset moved to another firm's row, or to another purpose,
 * fails to unwrap.
 */
@Component
public class TenantKeysets {

    private record Key(TenantId tenant, String purpose) {}

    private final JdbcClient jdbc;
    private final RootKey root;
    private final Map<Key, Object> primitives = new ConcurrentHashMap<>();
    private final TransactionTemplate ownTransaction;

    TenantKeysets(JdbcClient jdbc, RootKey root, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.root = root;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
        byte[] wrapAssociatedData = ("lexvault-keyset|" + tenant + "|" + purpose).getBytes(StandardCharsets.UTF_8);
        try {
            var stored = storedKeyset(tenant, purpose);
            if (stored == null) {
                var fresh = KeysetHandle.generateNew(template);
                jdbc.sql("""
                                INSERT INTO lexvault.tenant_keysets (tenant_id, purpose, encrypted_keyset)
                                VALUES (:tenant, :purpose, :keyset) ON CONFLICT DO NOTHING
                                """)
                        .param("tenant", tenant.value())
                        .param("purpose", purpose)
                        .param(
                                "keyset",
                                TinkProtoKeysetFormat.serializeEncryptedKeyset(fresh, root.aead(), wrapAssociatedData))
                        .update();
                stored = storedKeyset(tenant, purpose);
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

    private byte @Nullable [] storedKeyset(TenantId tenant, String purpose) {
        return jdbc.sql("""
                        SELECT encrypted_keyset FROM lexvault.tenant_keysets WHERE tenant_id = :tenant AND purpose = :purpose
                        """)
                .param("tenant", tenant.value())
                .param("purpose", purpose)
                .query(byte[].class)
                .optional()
                .orElse(null);
    }
}
