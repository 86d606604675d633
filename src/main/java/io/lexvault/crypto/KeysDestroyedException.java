package io.lexvault.crypto;

/**
 * The bound firm's keys for this purpose were destroyed (crypto-shredding, {@code lexvault firm
 * destroy-keys}): what was encrypted under them can no longer be decrypted, and nothing new is
 * encrypted for the firm, because a destroyed firm does not quietly get new keys.
 */
public class KeysDestroyedException extends RuntimeException {

    public KeysDestroyedException(String purpose) {
        super("This firm's " + purpose + " keys were destroyed: its " + purpose
                + " can no longer be decrypted, and nothing new is encrypted for it");
    }
}
