package io.lexvault.crypto;

import static io.lexvault.crypto.KeyTestSupport.decryptDocument;
import static io.lexvault.crypto.KeyTestSupport.encryptDocument;
import static io.lexvault.crypto.KeyTestSupport.storedKeyset;
import static io.lexvault.crypto.KeyTestSupport.wrapping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import io.lexvault.crypto.internal.RootKey;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.FirmTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/** Rotation: new ciphertexts use the new primary key, old fields and documents still decrypt. */
// MockMvc and the throttle setting go unused here; declaring them lets this class share the web tests' context.
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class KeyRotationIntegrationTests extends FirmTest {

    private static final byte[] SECRET = "a TOTP secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DOCUMENT = "a privileged memo".getBytes(StandardCharsets.UTF_8);

    @Autowired
    FirmKeys keys;

    @Autowired
    FieldEncryption fields;

    @Autowired
    DocumentEncryption documents;

    @Autowired
    RootKey root;

    TenantId firm;

    @BeforeEach
    void aFirm() {
        firm = aFirm("Rotation");
    }

    @Test
    void newCiphertextsUseTheNewKeyAndOldOnesStillDecrypt() throws Exception {
        var oldDocumentId = UUID.randomUUID();
        byte[] oldField = TenantContext.callAs(firm, null, () -> fields.encrypt(SECRET, "totp:1"));
        byte[] oldDocument = encryptDocument(documents, firm, oldDocumentId, DOCUMENT);
        int oldFieldKey = keyIdOf(oldField);
        KeysetHandle oldDocumentKeyset = keyset(firm, "documents");

        var rotations = TenantContext.callAs(firm, null, keys::rotate);

        assertThat(rotations).extracting(FirmKeys.Rotation::purpose).containsExactly("fields", "documents");
        var fieldKeyset = keyset(firm, "fields");
        var documentKeyset = keyset(firm, "documents");
        assertThat(fieldKeyset.size()).isEqualTo(2);
        assertThat(documentKeyset.size()).isEqualTo(2);
        assertThat(fieldKeyset.getPrimary().getId())
                .isEqualTo(rotations.get(0).primaryKeyId())
                .isNotEqualTo(oldFieldKey);
        assertThat(documentKeyset.getPrimary().getId())
                .isEqualTo(rotations.get(1).primaryKeyId())
                .isNotEqualTo(oldDocumentKeyset.getPrimary().getId());

        // New fields carry the new key's id (Tink's output prefix); the cache was dropped, so this node sees it.
        byte[] newField = TenantContext.callAs(firm, null, () -> fields.encrypt(SECRET, "totp:1"));
        assertThat(keyIdOf(newField)).isEqualTo(rotations.get(0).primaryKeyId());
        // A new document is encrypted under the new key: the old keyset alone cannot read it.
        var newDocumentId = UUID.randomUUID();
        byte[] newDocument = encryptDocument(documents, firm, newDocumentId, DOCUMENT);
        var oldOnly = oldDocumentKeyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        assertThatThrownBy(() -> {
                    try (var in = oldOnly.newDecryptingStream(
                            new ByteArrayInputStream(newDocument),
                            DocumentEncryption.associatedData(firm, newDocumentId, 1, KeyTestSupport.STORED_AS))) {
                        in.transferTo(new ByteArrayOutputStream());
                    }
                })
                .isInstanceOf(Exception.class);

        // Old and new still decrypt.
        assertThat(TenantContext.callAs(firm, null, () -> fields.decrypt(oldField, "totp:1")))
                .isEqualTo(SECRET);
        assertThat(TenantContext.callAs(firm, null, () -> fields.decrypt(newField, "totp:1")))
                .isEqualTo(SECRET);
        assertThat(decryptDocument(documents, firm, oldDocumentId, oldDocument)).isEqualTo(DOCUMENT);
        assertThat(decryptDocument(documents, firm, newDocumentId, newDocument)).isEqualTo(DOCUMENT);
    }

    @Test
    void rotatingTwiceKeepsEveryKeyAndAFirmWithoutKeysGetsItsFirst() throws Exception {
        assertThat(storedKeyset(firm, "documents")).isNull();
        TenantContext.runAs(firm, null, keys::rotate);
        assertThat(keyset(firm, "documents").size()).isEqualTo(1);
        byte[] field = TenantContext.callAs(firm, null, () -> fields.encrypt(SECRET, "ctx"));
        TenantContext.runAs(firm, null, keys::rotate);
        TenantContext.runAs(firm, null, keys::rotate);
        assertThat(keyset(firm, "fields").size()).isEqualTo(3);
        assertThat(TenantContext.callAs(firm, null, () -> fields.decrypt(field, "ctx")))
                .isEqualTo(SECRET);
    }

    private KeysetHandle keyset(TenantId tenant, String purpose) throws Exception {
        return TinkProtoKeysetFormat.parseEncryptedKeyset(
                Objects.requireNonNull(storedKeyset(tenant, purpose)), root.aead(), wrapping(tenant, purpose));
    }

    /** Tink's output prefix: a version byte, then the key id (big-endian). */
    private static int keyIdOf(byte[] ciphertext) {
        assertThat(ciphertext[0]).isEqualTo((byte) 1);
        return ByteBuffer.wrap(ciphertext, 1, 4).getInt();
    }
}
