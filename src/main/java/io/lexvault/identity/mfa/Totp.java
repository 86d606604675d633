package io.lexvault.identity.mfa;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * Time-based one-time passwords, RFC 6238 as authenticator apps implement it: HMAC-SHA-1, 6 digits,
 * 30-second steps, and one step of clock drift either way.
 *
 * <p>Written out here rather than taken from a library: the algorithm is a dozen lines over the
 * JDK's HMAC, checked against the RFC's own test vectors, and replay protection needs to know
 * <em>which</em> step a code matched, which the Java TOTP libraries on Maven Central (unmaintained
 * since 2020) do not say.
 */
public final class Totp {

    static final int DIGITS = 6;
    static final long STEP_SECONDS = 30;
    static final int DRIFT_STEPS = 1;
    /** 160 bits, the HMAC-SHA-1 block-friendly size RFC 4226 recommends. */
    static final int SECRET_BYTES = 20;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {}

    static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    static String base32(byte[] secret) {
        return new Base32().encodeAsString(secret).replace("=", "");
    }

    public static long stepAt(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
    }

    /** The code for one step (RFC 4226 §5.3 dynamic truncation). */
    static String code(byte[] secret, long step, int digits, String algorithm) {
        try {
            var mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, "RAW"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24)
                    | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            int modulus = (int) Math.pow(10, digits);
            return String.format("%0" + digits + "d", binary % modulus);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String code(byte[] secret, long step) {
        return code(secret, step, DIGITS, "HmacSHA1");
    }

    /**
     * The step {@code presented} is valid for, within the drift window around {@code now}, and only
     * if it is later than {@code lastUsedStep}: a code, once accepted, is refused the second time.
     */
    static OptionalLong matchingStep(byte[] secret, String presented, Instant now, long lastUsedStep) {
        String digits = presented.replaceAll("\\s", "");
        if (!digits.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long current = stepAt(now);
        long matched = -1;
        for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
            // Every candidate is compared, in constant time, so timing does not tell which matched.
            if (MessageDigest.isEqual(code(secret, step).getBytes(), digits.getBytes()) && step > lastUsedStep) {
                matched = step;
            }
        }
        return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /** The otpauth URI authenticator apps read from the QR code. */
    static String uri(byte[] secret, String issuer, String account) {
        return "otpauth://totp/" + encode(issuer) + ":" + encode(account) + "?secret=" + base32(secret) + "&issuer="
                + encode(issuer) + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
