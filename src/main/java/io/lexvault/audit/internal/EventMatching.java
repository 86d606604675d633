package io.lexvault.audit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Checks a firm's events against a {@link LeafWindow}: reads a binary {@code COPY} of the events
 * ({@link #COLUMNS}, in the order the table stores them), writes each event of the window as its
 * leaf's canonical bytes (docs/audit-format.md §1) straight from the bytes PostgreSQL sent, and has a
 * second thread hash them and compare with the stored leaf hashes while this one reads on.
 *
 * <p>Events as the ledger writes them (details of string values under printable ASCII keys, a time
 * an ECMAScript number holds exactly) are written here byte by byte; any other row, a tampered one
 * say, goes through {@link AuditLeaves}, which defines the leaf; both give the bytes the sequencer
 * hashed (EventMatchingIntegrationTests).
 */
public final class EventMatching {

    /** The columns of the {@code COPY} {@link #match} takes, in this order. */
    public static final String COLUMNS = "id, tenant_id, occurred_at, actor_type, actor_id, action, outcome,"
            + " target_type, target_id, matter_id, source_ip, user_agent, request_id, details::text";

    private static final int ID = 0,
            TENANT = 1,
            TIME = 2,
            ACTOR_TYPE = 3,
            ACTOR_ID = 4,
            ACTION = 5,
            OUTCOME = 6,
            TARGET_TYPE = 7,
            TARGET_ID = 8,
            MATTER_ID = 9,
            SOURCE_IP = 10,
            USER_AGENT = 11,
            REQUEST_ID = 12,
            DETAILS = 13;
    private static final int[] UUIDS = {ID, TENANT, ACTOR_ID, TARGET_ID, MATTER_ID};

    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in milliseconds since 1970. */
    private static final long POSTGRES_EPOCH_MILLIS = 946_684_800_000L;
    /** What the JDBC driver makes of {@code ±infinity}, which AuditLeaves builds such a row's leaf from. */
    private static final long POSITIVE_INFINITY_MILLIS = 9223372036825200000L;

    private static final long NEGATIVE_INFINITY_MILLIS = -9223372036832400000L;
    /** Beyond 2^53 an ECMAScript number no longer prints as the integer's digits. */
    private static final long LARGEST_EXACT_INTEGER = (1L << 53) - 1;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Leaves end to end in one array, with their positions in the window; reused once hashed. */
    private static final class Batch {
        static final int LEAVES = 2048;

        final int[] positions = new int[LEAVES];
        /** Leaf i is bytes[offsets[i] .. offsets[i + 1]). */
        final int[] offsets = new int[LEAVES + 1];

        byte[] bytes = new byte[1 << 20];
        int count;

        boolean full() {
            return count == LEAVES || offsets[count] > bytes.length - (bytes.length >> 2);
        }
    }

    private static final Batch END = new Batch();

    private final AuditLeaves leaves;
    private final LeafWindow window;
    private final BlockingQueue<Batch> hashing = new ArrayBlockingQueue<>(4);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(4);
    private volatile @Nullable Throwable hasherFailure;

    private BinaryCopy rows;
    private Batch batch;
    private int out;

    /** Keys and values of the details being written: positions in the row buffer. */
    private int[] keyStarts = new int[16], keyEnds = new int[16], valueStarts = new int[16], valueEnds = new int[16];

    private int[] order = new int[16];
    private int detailCount;

    private EventMatching(AuditLeaves leaves, LeafWindow window) {
        this.leaves = leaves;
        this.window = window;
    }

    /**
     * Reads the whole {@code COPY} and records in {@code window} which of its leaves' events were
     * found and which hash to the stored leaf hash. Events of other leaves are skipped.
     */
    public static void match(AuditLeaves leaves, LeafWindow window, InputStream copy) throws IOException {
        new EventMatching(leaves, window).run(copy);
    }

    private void run(InputStream copy) throws IOException {
        for (int i = 0; i < 4; i++) {
            free.add(new Batch());
        }
        var hasher = Thread.ofPlatform().name("audit-verify-hasher").daemon().start(this::hash);
        try {
            rows = new BinaryCopy(copy, 14);
            while (rows.next()) {
                if (rows.length(ID) != 16) {
                    throw new IOException("An event id is not a uuid");
                }
                int position = window.position(rows.int64(ID), rows.int64At(rows.start(ID) + 8));
                if (position < 0) {
                    continue; // not a leaf of this window
                }
                if (batch == null) {
                    batch = take(free);
                    batch.count = 0;
                    batch.offsets[0] = 0;
                }
                add(position);
                if (batch.full()) {
                    hand(batch);
                    batch = null;
                }
            }
            if (batch != null) {
                hand(batch);
                batch = null;
            }
            hand(END);
            hasher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Verification interrupted");
        } finally {
            hasher.interrupt();
        }
        if (hasherFailure != null) {
            throw new IllegalStateException("Hashing the leaves failed", hasherFailure);
        }
    }

    /** The second thread: hashes each leaf as RFC 6962 does and compares it with the stored hash. */
    private void hash() {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = new byte[MerkleTree.HASH_BYTES];
            while (true) {
                Batch next = hashing.take();
                if (next == END) {
                    return;
                }
                for (int i = 0; i < next.count; i++) {
                    sha.update((byte) 0x00);
                    sha.update(next.bytes, next.offsets[i], next.offsets[i + 1] - next.offsets[i]);
                    sha.digest(hash, 0, hash.length);
                    int position = next.positions[i];
                    window.event(position, window.storedHashEquals(position, hash));
                }
                free.put(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (NoSuchAlgorithmException | DigestException | RuntimeException e) {
            hasherFailure = e;
        }
    }

    private void hand(Batch full) throws InterruptedException {
        while (!hashing.offer(full, 100, TimeUnit.MILLISECONDS)) {
            failIfHasherFailed();
        }
    }

    private Batch take(BlockingQueue<Batch> queue) throws InterruptedException {
        Batch next;
        while ((next = queue.poll(100, TimeUnit.MILLISECONDS)) == null) {
            failIfHasherFailed();
        }
        return next;
    }

    private void failIfHasherFailed() {
        if (hasherFailure != null) {
            throw new IllegalStateException("Hashing the leaves failed", hasherFailure);
        }
    }

    /** Appends the current row's leaf to the batch. */
    private void add(int position) {
        int i = batch.count;
        out = batch.offsets[i];
        if (!writeDirectly()) {
            out = batch.offsets[i];
            byte[] general = throughAuditLeaves();
            ensure(general.length);
            System.arraycopy(general, 0, batch.bytes, out, general.length);
            out += general.length;
        }
        batch.positions[i] = position;
        batch.offsets[i + 1] = out;
        batch.count++;
    }

    /** The leaf in canonical form, members in RFC 8785 order; false if the row needs the general path. */
    private boolean writeDirectly() {
        long time = millis();
        if (Math.abs(time) > LARGEST_EXACT_INTEGER || rows.isNull(DETAILS) || !detailsReadable()) {
            return false;
        }
        for (int column : UUIDS) {
            if (!rows.isNull(column) && rows.length(column) != 16) {
                return false;
            }
        }
        if (rows.isNull(TENANT)) {
            return false;
        }
        ascii("{\"action\":");
        text(ACTION);
        ascii(",\"actor_id\":");
        uuid(ACTOR_ID);
        ascii(",\"actor_type\":");
        text(ACTOR_TYPE);
        ascii(",\"details\":{");
        details();
        ascii("},\"id\":");
        uuid(ID);
        ascii(",\"matter_id\":");
        uuid(MATTER_ID);
        ascii(",\"outcome\":");
        text(OUTCOME);
        ascii(",\"request_id\":");
        text(REQUEST_ID);
        ascii(",\"source_ip\":");
        text(SOURCE_IP);
        ascii(",\"target_id\":");
        uuid(TARGET_ID);
        ascii(",\"target_type\":");
        text(TARGET_TYPE);
        ascii(",\"tenant\":");
        uuid(TENANT);
        ascii(",\"time\":");
        digits(time);
        ascii(",\"user_agent\":");
        text(USER_AGENT);
        ascii(",\"v\":1}");
        return true;
    }

    /** The time as the JDBC driver's timestamp gives it in milliseconds (rounded down). */
    private long millis() {
        long micros = rows.int64(TIME);
        if (micros == Long.MAX_VALUE) {
            return POSITIVE_INFINITY_MILLIS;
        }
        if (micros == Long.MIN_VALUE) {
            return NEGATIVE_INFINITY_MILLIS;
        }
        return Math.floorDiv(micros, 1000) + POSTGRES_EPOCH_MILLIS;
    }

    /**
     * Reads the details (PostgreSQL's text form of the jsonb) as an object of string values under
     * keys of printable ASCII without escapes, the ledger's kind; false for anything else. A jsonb
     * string prints with exactly RFC 8785's escapes (the six short ones, a backslash, u, 00 and two lower-case hex digits
     * for the other controls, everything else as is), so a value is copied as PostgreSQL sent it.
     */
    private boolean detailsReadable() {
        byte[] buffer = rows.buffer();
        int p = rows.start(DETAILS);
        int end = p + rows.length(DETAILS);
        int n = 0;
        p = space(buffer, p, end);
        if (p >= end || buffer[p] != '{') {
            return false;
        }
        p = space(buffer, p + 1, end);
        if (p < end && buffer[p] == '}') {
            return space(buffer, p + 1, end) == end && sortKeys(0);
        }
        while (true) {
            if (p >= end || buffer[p] != '"') {
                return false;
            }
            int keyStart = p + 1;
            int q = keyStart;
            while (q < end && buffer[q] != '"') {
                byte b = buffer[q];
                if (b < 0x20 || b == '\\') { // also every byte of a non-ASCII character (negative)
                    return false;
                }
                q++;
            }
            if (q >= end) {
                return false;
            }
            int keyEnd = q;
            p = space(buffer, q + 1, end);
            if (p >= end || buffer[p] != ':') {
                return false;
            }
            p = space(buffer, p + 1, end);
            if (p >= end || buffer[p] != '"') {
                return false;
            }
            int valueStart = p; // with its quotes
            q = p + 1;
            while (q < end && buffer[q] != '"') {
                q += buffer[q] == '\\' ? 2 : 1;
            }
            if (q >= end) {
                return false;
            }
            int valueEnd = q + 1;
            grow(n + 1);
            keyStarts[n] = keyStart;
            keyEnds[n] = keyEnd;
            valueStarts[n] = valueStart;
            valueEnds[n] = valueEnd;
            n++;
            p = space(buffer, valueEnd, end);
            if (p < end && buffer[p] == ',') {
                p = space(buffer, p + 1, end);
                continue;
            }
            if (p < end && buffer[p] == '}') {
                return space(buffer, p + 1, end) == end && sortKeys(n);
            }
            return false;
        }
    }

    /** jsonb orders keys by length first; RFC 8785 by UTF-16 code units, which for ASCII is by bytes. */
    private boolean sortKeys(int n) {
        detailCount = n;
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = 1; i < n; i++) {
            int k = order[i];
            int j = i - 1;
            while (j >= 0 && compareKeys(order[j], k) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = k;
        }
        for (int i = 1; i < n; i++) {
            if (compareKeys(order[i - 1], order[i]) == 0) {
                return false; // not what a jsonb prints; the general path decides
            }
        }
        return true;
    }

    private int compareKeys(int a, int b) {
        byte[] buffer = rows.buffer();
        return Arrays.compareUnsigned(buffer, keyStarts[a], keyEnds[a], buffer, keyStarts[b], keyEnds[b]);
    }

    private void details() {
        byte[] buffer = rows.buffer();
        for (int i = 0; i < detailCount; i++) {
            int k = order[i];
            ensure(keyEnds[k] - keyStarts[k] + valueEnds[k] - valueStarts[k] + 4);
            byte[] bytes = batch.bytes;
            if (i > 0) {
                bytes[out++] = ',';
            }
            bytes[out++] = '"';
            System.arraycopy(buffer, keyStarts[k], bytes, out, keyEnds[k] - keyStarts[k]);
            out += keyEnds[k] - keyStarts[k];
            bytes[out++] = '"';
            bytes[out++] = ':';
            System.arraycopy(buffer, valueStarts[k], bytes, out, valueEnds[k] - valueStarts[k]);
            out += valueEnds[k] - valueStarts[k];
        }
    }

    private static int space(byte[] buffer, int p, int end) {
        while (p < end && (buffer[p] == ' ' || buffer[p] == '\n' || buffer[p] == '\t' || buffer[p] == '\r')) {
            p++;
        }
        return p;
    }

    private void grow(int n) {
        if (n > keyStarts.length) {
            int size = keyStarts.length * 2;
            keyStarts = Arrays.copyOf(keyStarts, size);
            keyEnds = Arrays.copyOf(keyEnds, size);
            valueStarts = Arrays.copyOf(valueStarts, size);
            valueEnds = Arrays.copyOf(valueEnds, size);
            order = Arrays.copyOf(order, size);
        }
    }

    /**
     * A text column as an RFC 8785 string: the UTF-8 PostgreSQL sent, with the escapes
     * JSON.stringify makes. Bytes of multi-byte characters are all 0x80 or above, so escaping byte
     * by byte is escaping character by character.
     */
    private void text(int column) {
        if (rows.isNull(column)) {
            ascii("null");
            return;
        }
        int length = rows.length(column);
        ensure(length * 6 + 2);
        byte[] buffer = rows.buffer();
        byte[] bytes = batch.bytes;
        bytes[out++] = '"';
        int start = rows.start(column);
        for (int p = start; p < start + length; p++) {
            byte b = buffer[p];
            if ((b < 0 || b >= 0x20) && b != '"' && b != '\\') {
                bytes[out++] = b;
                continue;
            }
            bytes[out++] = '\\';
            switch (b) {
                case '"' -> bytes[out++] = '"';
                case '\\' -> bytes[out++] = '\\';
                case '\b' -> bytes[out++] = 'b';
                case '\f' -> bytes[out++] = 'f';
                case '\n' -> bytes[out++] = 'n';
                case '\r' -> bytes[out++] = 'r';
                case '\t' -> bytes[out++] = 't';
                default -> {
                    bytes[out++] = 'u';
                    bytes[out++] = '0';
                    bytes[out++] = '0';
                    bytes[out++] = HEX[b >> 4];
                    bytes[out++] = HEX[b & 0xf];
                }
            }
        }
        bytes[out++] = '"';
    }

    /** A uuid column as its lower-case string, or null. */
    private void uuid(int column) {
        if (rows.isNull(column)) {
            ascii("null");
            return;
        }
        ensure(38);
        byte[] buffer = rows.buffer();
        byte[] bytes = batch.bytes;
        bytes[out++] = '"';
        int p = rows.start(column);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                bytes[out++] = '-';
            }
            int b = buffer[p + i] & 0xff;
            bytes[out++] = HEX[b >> 4];
            bytes[out++] = HEX[b & 0xf];
        }
        bytes[out++] = '"';
    }

    /** A whole number as ECMAScript prints it (|n| < 2^53 here): its digits. */
    private void digits(long n) {
        ensure(20);
        byte[] bytes = batch.bytes;
        if (n < 0) {
            bytes[out++] = '-';
            n = -n;
        }
        int length = 1;
        for (long rest = n / 10; rest > 0; rest /= 10) {
            length++;
        }
        int end = out + length;
        for (int p = end - 1; p >= out; p--) {
            bytes[p] = (byte) ('0' + n % 10);
            n /= 10;
        }
        out = end;
    }

    @SuppressWarnings("deprecation") // ASCII only: the old copy into bytes is exact and allocates nothing
    private void ascii(String text) {
        int n = text.length();
        ensure(n);
        text.getBytes(0, n, batch.bytes, out);
        out += n;
    }

    private void ensure(int more) {
        if (out + more > batch.bytes.length) {
            batch.bytes = Arrays.copyOf(batch.bytes, Math.max(batch.bytes.length * 2, out + more));
        }
    }

    /** The general path: the fields as AuditLeaves reads them from a result set. */
    private byte[] throughAuditLeaves() {
        return leaves.canonical(
                uuidValue(ID),
                uuidValue(TENANT),
                millis(),
                string(ACTOR_TYPE),
                uuidString(ACTOR_ID),
                string(ACTION),
                string(OUTCOME),
                string(TARGET_TYPE),
                uuidString(TARGET_ID),
                uuidString(MATTER_ID),
                string(SOURCE_IP),
                string(USER_AGENT),
                string(REQUEST_ID),
                string(DETAILS));
    }

    private UUID uuidValue(int column) {
        int p = rows.start(column);
        return new UUID(rows.int64At(p), rows.int64At(p + 8));
    }

    private @Nullable String uuidString(int column) {
        return rows.isNull(column) ? null : uuidValue(column).toString();
    }

    private @Nullable String string(int column) {
        return rows.isNull(column)
                ? null
                : new String(rows.buffer(), rows.start(column), rows.length(column), StandardCharsets.UTF_8);
    }
}
