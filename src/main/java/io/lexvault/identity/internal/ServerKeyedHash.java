package io.lexvault.identity.internal;

import io.lexvault.identity.UserId;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets LexVault hands out and never stores: API keys and backup codes. A key is {@code lvk_} plus
 * 32 random bytes in base62 (43 characters, fixed length). The database keeps only HMAC-SHA-256 of
 * each under a server secret, so a stolen table (a backup, a replica) cannot even be used to check
 * guesses.
 */
public final class ServerKeyedHash {

    public static final String PREFIX = "lvk_";
    public static final int ENCODED_LENGTH = 43;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec hmacKey;

    public ServerKeyedHash(String serverSecret) {
        if (serverSecret.length() < 32) {
            throw new IllegalArgumentException("The API key secret needs at least 32 characters");
        }
        this.hmacKey = new SecretKeySpec(serverSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public static String newKey() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        var value = new BigInteger(1, random);
        var digits = new StringBuilder();
        var base = BigInteger.valueOf(62);
        while (value.signum() > 0) {
            var division = value.divideAndRemainder(base);
            digits.append(BASE62.charAt(division[1].intValue()));
            value = division[0];
        }
        while (digits.length() < ENCODED_LENGTH) {
            digits.append('0');
        }
        return PREFIX + digits.reverse();
    }

    /** Whether {@code presented} has the shape of a key at all (checked before any hashing or lookup). */
    public static boolean wellFormed(String presented) {
        if (presented.length() != PREFIX.length() + ENCODED_LENGTH || !presented.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < presented.length(); i++) {
            if (BASE62.indexOf(presented.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    public static String displayPrefix(String key) {
        return key.substring(0, PREFIX.length() + 6);
    }

    /** A backup code's stored form, bound to its user so that equal codes of two users differ. */
    public byte[] backupCode(UserId user, String normalizedCode) {
        return hmac("backup-code|" + user + "|" + normalizedCode);
    }

    public byte[] hmac(String key) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(hmacKey);
            return mac.doFinal(key.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
