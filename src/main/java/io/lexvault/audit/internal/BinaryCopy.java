package io.lexvault.audit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The rows of a {@code COPY ... TO STDOUT (FORMAT binary)} read one at a time from the bytes as they
 * arrive, each column a position and length in one reused buffer: nothing is allocated per row, and
 * no value is converted to text on the server or parsed back on this side.
 */
final class BinaryCopy {

    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

    private final InputStream in;
    private final int columns;
    private byte[] buffer = new byte[1 << 16];
    private int position, limit;
    /** Where the current row starts in {@link #buffer}. */
    private int row;

    private final int[] starts;
    private final int[] lengths;

    BinaryCopy(InputStream in, int columns) throws IOException {
        this.in = in;
        this.columns = columns;
        this.starts = new int[columns];
        this.lengths = new int[columns];
        require(SIGNATURE.length + 8);
        if (!Arrays.equals(buffer, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IOException("Not a binary COPY");
        }
        position = SIGNATURE.length + 4; // flags
        int extension = int32();
        require(extension);
        position += extension;
    }

    /** Reads the next row whole; false at the end of the data. */
    boolean next() throws IOException {
        row = position;
        require(2);
        int count = (short) ((buffer[position] & 0xff) << 8 | (buffer[position + 1] & 0xff));
        position += 2;
        if (count == -1) {
            return false;
        }
        if (count != columns) {
            throw new IOException("A row of " + count + " columns, expected " + columns);
        }
        for (int c = 0; c < columns; c++) {
            require(4);
            int length = int32();
            if (length > 0) {
                require(length);
            }
            starts[c] = position - row; // the buffer may still move while the row is read
            lengths[c] = length;
            position += Math.max(length, 0);
        }
        for (int c = 0; c < columns; c++) {
            starts[c] += row;
        }
        return true;
    }

    /** The buffer holding the current row (valid until {@link #next}). */
    byte[] buffer() {
        return buffer;
    }

    int start(int column) {
        return starts[column];
    }

    /** The column's length in bytes, -1 for NULL. */
    int length(int column) {
        return lengths[column];
    }

    boolean isNull(int column) {
        return lengths[column] < 0;
    }

    long int64(int column) {
        return int64At(starts[column]);
    }

    long int64At(int p) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (buffer[p + i] & 0xff);
        }
        return value;
    }

    private int int32() {
        int p = position;
        position += 4;
        return (buffer[p] & 0xff) << 24
                | (buffer[p + 1] & 0xff) << 16
                | (buffer[p + 2] & 0xff) << 8
                | buffer[p + 3] & 0xff;
    }

    /**
     * Makes {@code n} more bytes available at {@link #position}, keeping the current row in the
     * buffer (moved to its start, or into a larger buffer for a row larger than it).
     */
    private void require(int n) throws IOException {
        if (limit - position >= n) {
            return;
        }
        int keep = row;
        if (limit - keep + n > buffer.length) {
            buffer = Arrays.copyOfRange(buffer, keep, keep + Math.max(buffer.length * 2, limit - keep + n));
        } else {
            System.arraycopy(buffer, keep, buffer, 0, limit - keep);
        }
        position -= keep;
        limit -= keep;
        row = 0;
        while (limit - position < n) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                throw new IOException("The COPY ended inside a row");
            }
            limit += read;
        }
    }
}
