package io.lexvault.crypto;

import com.google.crypto.tink.Mac;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import io.lexvault.crypto.internal.TenantKeysets;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keyed hashes (HMAC-SHA256, Tink) under the bound firm's own {@code hashes} keyset: a fingerprint of
 * something that must not be stored, such as the text of a search, which only someone who already
 * holds the text can confirm ({@link #matches}) and nobody can reverse or test guesses against without
 * the firm's key. The context is part of the hashed input, so a fingerprint made for one use does not
 * match in another. Crypto-shredding deletes the keyset with the firm's others: afterwards no
 * fingerprint can be confirmed.
 */
@Service
public class KeyedHashes {

    static final String PURPOSE = "hashes";
    static final Parameters TEMPLATE = PredefinedMacParameters.HMAC_SHA256_256BITTAG;

    static {
        try {
            MacConfig.register(); // the MAC primitives, for RegistryConfiguration
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final TenantKeysets keysets;

    KeyedHashes(TenantKeysets keysets) {
        this.keysets = keysets;
    }

    /** The fingerprint of {@code text} for the bound firm in {@code context} (e.g. {@code search.query}). */
    @Transactional
    public byte[] hash(String text, String context) {
        TenantId tenant = TenantContext.requireTenant();
        try {
            return keysetOf(tenant).computeMac(input(tenant, text, context));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Keyed hash failed", e);
        }
    }

    /** Whether {@code fingerprint} was made from {@code text} in {@code context} for the bound firm (any of its keys). */
    @Transactional
    public boolean matches(byte[] fingerprint, String text, String context) {
        TenantId tenant = TenantContext.requireTenant();
        try {
            keysetOf(tenant).verifyMac(fingerprint, input(tenant, text, context));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] input(TenantId tenant, String text, String context) {
        // Length-prefixed context: "a|b" + "c" and "a" + "b|c" never hash alike.
        return ("lexvault|" + tenant + "|" + context.length() + ":" + context + "|" + text)
                .getBytes(StandardCharsets.UTF_8);
    }

    private Mac keysetOf(TenantId tenant) {
        return keysets.primitive(tenant, PURPOSE, TEMPLATE, Mac.class);
    }
}
