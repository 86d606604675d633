package io.lexvault.crypto;

import com.google.crypto.tink.PublicKeySign;

/**
 * One of LexVault's own Ed25519 signing keys: signs with the private key (which never leaves Tink)
 * and tells the raw 32-byte public key, for publishing.
 */
public record SigningKey(PublicKeySign signer, byte[] publicKey) {

    public byte[] sign(byte[] message) {
        try {
            return signer.sign(message);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Signing failed", e);
        }
    }
}
