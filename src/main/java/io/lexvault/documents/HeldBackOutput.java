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
 */
final class HeldBackOutput extends OutputStream {

    static final int HOLD = 64 * 1024;

    private final OutputStream out;
    private final MessageDigest digest;
    private final byte[] held = new byte[HOLD];
    private int heldLength;
    private long count;

    HeldBackOutput(OutputStream out) {
        this.out = out;
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

    /** Sends what was held back; only once the content verified. */
    void release() throws IOException {
        out.write(held, 0, heldLength);
        heldLength = 0;
        out.flush();
    }
}
