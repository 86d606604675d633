package io.lexvault.documents;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A download's plaintext on its way to the client, hashed as it passes, with its last {@link #HOLD}
 * bytes kept back: they are sent only by {@link #release()}, after the whole content has decrypted and
 * its SHA-256 matched the one recorded at upload. A client therefore never receives a complete file
 * that failed verification — at worst a body cut short, which HTTP clients report as an error
 * (Content-Length is announced).
 *
 * <p>The announced length is the recorded size, so the count is checked on every write: content longer
 * than recorded fails before its first surplus byte is passed on (the servlet container would silently
 * drop bytes past Content-Length, and the client would receive a complete-looking file). Since at most
 * the recorded size is ever accepted and {@link #HOLD} bytes are kept back, at most {@code size - HOLD}
 * bytes leave before verification — never the announced length.
 */
final class HeldBackOutput extends OutputStream {

    static final int HOLD = 64 * 1024;

    private final OutputStream out;
    private final MessageDigest digest;
    private final byte[] held = new byte[HOLD];
    private int heldLength;
    private final long expected;
    private long count;

    HeldBackOutput(OutputStream out, long expected) {
        this.out = out;
        this.expected = expected;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > expected - count) {
            throw new Overrun();
        }
        digest.update(bytes, offset, length);
        count += length;
        int total = heldLength + length;
        if (total <= HOLD) {
            System.arraycopy(bytes, offset, held, heldLength, length);
            heldLength = total;
            return;
        }
        int emit = total - HOLD;
        int fromHeld = Math.min(emit, heldLength);
        out.write(held, 0, fromHeld);
        int fromBytes = emit - fromHeld;
        out.write(bytes, offset, fromBytes);
        System.arraycopy(held, fromHeld, held, 0, heldLength - fromHeld);
        int kept = heldLength - fromHeld;
        System.arraycopy(bytes, offset + fromBytes, held, kept, length - fromBytes);
        heldLength = HOLD;
    }

    long count() {
        return count;
    }

    /** The digest of everything written; call once, at the end. */
    byte[] sha256() {
        return digest.digest();
    }

    /** Sends what was held back; only once the content verified (hash and exact length). */
    void release() throws IOException {
        if (count != expected) {
            throw new IllegalStateException("Released before the whole content was written");
        }
        out.write(held, 0, heldLength);
        heldLength = 0;
        out.flush();
    }

    /** The content is longer than the size recorded at upload: nothing more is passed on. */
    static final class Overrun extends IOException {
        Overrun() {
            super("The content is longer than recorded");
        }
    }
}
