package io.lexvault.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.lexvault.crypto.internal.TenantKeysets;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Encrypts small sensitive fields (TOTP secrets, later SSO and webhook secrets) with the bound
 * firm's own AES-256-GCM keyset (Tink). The associated data binds each ciphertext to its firm and
 * to a context naming the record ({@code totp:<user id>}), so a ciphertext copied to another row or
 * another firm fails to decrypt instead of being accepted.
 */
@Service
public class FieldEncryption {

    static final String PURPOSE = "fields";
    static final Parameters TEMPLATE = PredefinedAeadParameters.AES256_GCM;

    private final TenantKeysets keysets;

    FieldEncryption(TenantKeysets keysets) {
        this.keysets = keysets;
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
     * @throws KeysDestroyedException when the firm's keys were destroyed
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
        return keysets.primitive(tenant, PURPOSE, TEMPLATE, Aead.class);
    }
}
