package io.lexvault.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Encrypting and decrypting as a firm, and reading its stored keysets, for the key tests. */
final class KeyTestSupport {

    /** The name the test ciphertexts are notionally stored under (bound into their associated data). */
    static final String STORED_AS = "documents/test/stored-copy";

    private KeyTestSupport() {}

    static byte[] encryptDocument(DocumentEncryption encryption, TenantId tenant, UUID document, byte[] plaintext) {
        var ciphertext = new ByteArrayOutputStream();
        TenantContext.runAs(tenant, null, () -> {
            try {
                encryption.encrypt(document, 1, STORED_AS, new ByteArrayInputStream(plaintext), ciphertext);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return ciphertext.toByteArray();
    }

    static byte[] decryptDocument(DocumentEncryption encryption, TenantId tenant, UUID document, byte[] ciphertext) {
        var plaintext = new ByteArrayOutputStream();
        TenantContext.runAs(tenant, null, () -> {
            try {
                encryption.decrypt(document, 1, STORED_AS, new ByteArrayInputStream(ciphertext), plaintext);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return plaintext.toByteArray();
    }

    static byte @Nullable [] storedKeyset(TenantId tenant, String purpose) throws Exception {
        try (var admin = TestDatabase.shared().administrator().connect();
                var query = admin.prepareStatement(
                        "SELECT encrypted_keyset FROM lexvault.tenant_keysets WHERE tenant_id = ? AND purpose = ?")) {
            query.setObject(1, tenant.value());
            query.setString(2, purpose);
            try (var rows = query.executeQuery()) {
                return rows.next() ? rows.getBytes(1) : null;
            }
        }
    }

    static byte[] wrapping(TenantId tenant, String purpose) {
        return ("lexvault-keyset|" + tenant + "|" + purpose).getBytes(StandardCharsets.UTF_8);
    }

    static void assertStored(TenantId tenant, String purpose) throws Exception {
        assertThat(storedKeyset(tenant, purpose))
                .as("%s keyset of %s", purpose, tenant)
                .isNotNull();
    }
}
