package io.lexvault.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Connects the encryption, which writes ciphertext to an output stream, to the blob store, which reads
 * its content from an input stream, through a fixed buffer: memory use does not grow with the file.
 *
 * <p>Unlike {@link java.io.PipedInputStream}, the end of the content is never implied: the reader
 * sees end-of-stream only after {@link #finish()}. When the writer {@link #fail fails} (size limit,
 * refused type, client gone, encryption error), the reader's next read throws, so the store aborts
 * the write and keeps nothing under the key instead of storing a truncated blob. When the reader stops
 * (the store failed), the writer's next write throws, so the upload stops reading the request.
 */
final class BlobPipe {

    /** The blob store stopped reading (it failed); its own exception says why. */
    static final class ReaderGone extends IOException {
        ReaderGone() {
            super("The blob store stopped reading");
        }
    }

    private final byte[] ring;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition writable = lock.newCondition();
    private int head;
    private int count;
    private boolean finished;
    private boolean readerGone;

    @Nullable
    private Throwable failure;

    BlobPipe(int capacity) {
        this.ring = new byte[capacity];
    }

    /** The writing end; closing it does not finish the content, {@link #finish()} does. */
    OutputStream sink() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                put(bytes, offset, length);
            }
        };
    }

    /** The reading end, for the blob store; closing it tells the writer to stop. */
    InputStream source() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                return take(bytes, offset, length);
            }

            @Override
            public void close() {
                stopReading();
            }
        };
    }

    /** The content is complete: the reader gets end-of-stream once it has read the rest. */
    void finish() {
        lock.lock();
        try {
            finished = true;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The content is broken: the reader's next read throws, whatever is still buffered. */
    void fail(Throwable cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void stopReading() {
        lock.lock();
        try {
            readerGone = true;
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void put(byte[] bytes, int offset, int length) throws IOException {
        lock.lock();
        try {
            while (length > 0) {
                while (count == ring.length && !readerGone) {
                    await(writable);
                }
                if (readerGone) {
                    throw new ReaderGone();
                }
                int tail = (head + count) % ring.length;
                int n = Math.min(length, Math.min(ring.length - count, ring.length - tail));
                System.arraycopy(bytes, offset, ring, tail, n);
                count += n;
                offset += n;
                length -= n;
                readable.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private int take(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        lock.lock();
        try {
            while (count == 0 && !finished && failure == null) {
                await(readable);
            }
            if (failure != null) {
                throw new IOException("The upload failed before its end", failure);
            }
            if (count == 0) {
                return -1;
            }
            int n = Math.min(length, Math.min(count, ring.length - head));
            System.arraycopy(ring, head, bytes, offset, n);
            head = (head + n) % ring.length;
            count -= n;
            writable.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }

    private static void await(Condition condition) throws InterruptedIOException {
        try {
            condition.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while streaming a blob");
        }
    }
}
