package io.lexvault.documents;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An upload's plaintext as it streams past: counted, hashed (SHA-256) and cut off as soon as it
 * exceeds the size limit, so an oversized upload is refused after at most the limit was read, never
 * after all of it.
 */
final class MeasuredInput extends FilterInputStream {

    /** The content went past the limit; whatever was written of it must be thrown away. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("The upload exceeds the size limit");
        }
    }

    private final long limit;
    private final MessageDigest digest;
    private long count;

    MeasuredInput(InputStream in, long limit) {
        super(in);
        this.limit = limit;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            counted(1);
            digest.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int read = in.read(bytes, offset, length);
        if (read > 0) {
            counted(read);
            digest.update(bytes, offset, read);
        }
        return read;
    }

    @Override
    public long skip(long n) {
        return 0; // every byte must pass the digest
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    long count() {
        return count;
    }

    /** The digest of everything read; call once, at the end. */
    byte[] sha256() {
        return digest.digest();
    }

    private void counted(int n) throws TooLarge {
        count += n;
        if (count > limit) {
            throw new TooLarge();
        }
    }
}
