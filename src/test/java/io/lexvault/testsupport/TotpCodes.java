package io.lexvault.testsupport;

import java.nio.ByteBuffer;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/** What an authenticator app shows for a Base32 key (RFC 6238, SHA-1, 6 digits, 30 s), for tests that act as the user. */
public final class TotpCodes {

    private TotpCodes() {}

    public static String now(String base32Key) throws Exception {
        byte[] key = new Base32().decode(base32Key);
        long step = Instant.now().getEpochSecond() / 30;
        var mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "RAW"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
    }
}
