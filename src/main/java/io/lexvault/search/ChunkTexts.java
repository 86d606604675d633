package io.lexvault.search;

import io.lexvault.crypto.FieldEncryption;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A chunk's text in and out of {@code document_chunks}: encrypted with the bound firm's field keyset,
 * the associated data naming firm (added by {@link FieldEncryption}), document, version and chunk
 * number, so a ciphertext copied to another row, version or firm does not decrypt.
 */
@Component
class ChunkTexts {

    private final FieldEncryption encryption;

    ChunkTexts(FieldEncryption encryption) {
        this.encryption = encryption;
    }

    byte[] seal(String text, UUID document, int version, int number) {
        return encryption.encrypt(text.getBytes(StandardCharsets.UTF_8), context(document, version, number));
    }

    /**
     * @throws IllegalStateException when the ciphertext was not made for this firm and chunk
     * @throws io.lexvault.crypto.KeysDestroyedException when the firm's keys were destroyed
     */
    String open(byte[] ciphertext, UUID document, int version, int number) {
        return new String(encryption.decrypt(ciphertext, context(document, version, number)), StandardCharsets.UTF_8);
    }

    private static String context(UUID document, int version, int number) {
        return "search-chunk:" + document + ":" + version + ":" + number;
    }
}
