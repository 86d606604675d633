package io.lexvault.audit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.BitSet;

/**
 * A run of a firm's leaves in index order, as the verifier checks them against their events: each
 * leaf's event id and stored hash in flat arrays (about 60 bytes a leaf, no object per leaf), a table
 * from event id to leaf, and what the events said ({@link #found}, {@link #matches}). The events are
 * then read in the order the database stores them, with no join (EventMatching), which is what lets
 * the verifier read its log at the pace PostgreSQL can send it (docs/benchmarks.md).
 */
public final class LeafWindow {

    /** The columns of the {@code COPY} {@link #read} takes, in this order. */
    public static final String COLUMNS = "leaf_index, event_id, leaf_hash";

    private final long first;
    private int count;
    private long[] eventHigh = new long[1024];
    private long[] eventLow = new long[1024];
    private byte[] hashes = new byte[1024 * MerkleTree.HASH_BYTES];
    private final BitSet malformed = new BitSet();
    /** The index of the stored leaf that follows a missing one, or -1 when none is missing. */
    private long afterGap = -1;

    private int[] table = new int[0];
    private int mask;
    private final BitSet found = new BitSet();
    private final BitSet matches = new BitSet();

    private LeafWindow(long first) {
        this.first = first;
    }

    /**
     * Reads a binary {@code COPY} of {@link #COLUMNS} that starts at leaf {@code first}, in index
     * order, up to where an index is missing (the one that follows it is kept, to name the gap).
     */
    public static LeafWindow read(InputStream copy, long first) throws IOException {
        var window = new LeafWindow(first);
        var rows = new BinaryCopy(copy, 3);
        while (rows.next()) {
            long index = rows.int64(0);
            if (window.afterGap >= 0) {
                continue; // the rest is not looked at: the walk stops at the gap
            }
            if (index != first + window.count) {
                window.afterGap = index;
                continue;
            }
            window.add(rows);
        }
        window.index();
        return window;
    }

    private void add(BinaryCopy rows) throws IOException {
        if (count == eventHigh.length) {
            eventHigh = Arrays.copyOf(eventHigh, count * 2);
            eventLow = Arrays.copyOf(eventLow, count * 2);
            hashes = Arrays.copyOf(hashes, count * 2 * MerkleTree.HASH_BYTES);
        }
        if (rows.length(1) != 16) {
            throw new IOException("A leaf's event id is not a uuid");
        }
        eventHigh[count] = rows.int64(1);
        eventLow[count] = rows.int64At(rows.start(1) + 8);
        if (rows.length(2) == MerkleTree.HASH_BYTES) {
            System.arraycopy(
                    rows.buffer(), rows.start(2), hashes, count * MerkleTree.HASH_BYTES, MerkleTree.HASH_BYTES);
        } else {
            malformed.set(count); // cannot be a SHA-256 hash, so no event matches it
        }
        count++;
    }

    /** Open addressing over the event ids, at most half full. */
    private void index() {
        int size = Integer.highestOneBit(Math.max(count, 1) * 2 + 1) << 1;
        table = new int[size];
        Arrays.fill(table, -1);
        mask = size - 1;
        for (int i = 0; i < count; i++) {
            int slot = slot(eventHigh[i], eventLow[i]);
            while (table[slot] >= 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = i;
        }
    }

    private int slot(long high, long low) {
        long h = (high ^ Long.rotateLeft(low, 29)) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 33) & mask;
    }

    /** The position in this window of the leaf of event {@code high:low}, or -1. */
    int position(long high, long low) {
        int slot = slot(high, low);
        for (int i; (i = table[slot]) >= 0; slot = (slot + 1) & mask) {
            if (eventHigh[i] == high && eventLow[i] == low) {
                return i;
            }
        }
        return -1;
    }

    /** Records that the event of leaf {@code position} was read and whether it hashes to the stored hash. */
    void event(int position, boolean hashesToStored) {
        found.set(position);
        if (hashesToStored) {
            matches.set(position);
        }
    }

    boolean storedHashEquals(int position, byte[] hash) {
        int from = position * MerkleTree.HASH_BYTES;
        return !malformed.get(position)
                && Arrays.equals(hashes, from, from + MerkleTree.HASH_BYTES, hash, 0, MerkleTree.HASH_BYTES);
    }

    public long first() {
        return first;
    }

    /** The leaves read in order without a gap. */
    public int count() {
        return count;
    }

    /** The index of the stored leaf that followed a missing one, or -1. */
    public long afterGap() {
        return afterGap;
    }

    /** Leaf {@code position}'s event was read. */
    public boolean eventFound(int position) {
        return found.get(position);
    }

    /** Leaf {@code position}'s event was read and its canonical JSON hashes to the stored hash. */
    public boolean eventMatches(int position) {
        return matches.get(position);
    }

    /** The stored hash is no SHA-256 hash (the table's check was dropped). */
    public boolean hashMalformed(int position) {
        return malformed.get(position);
    }

    /** The stored hash, as the tree is built from it. */
    public byte[] storedHash(int position) {
        int from = position * MerkleTree.HASH_BYTES;
        return Arrays.copyOfRange(hashes, from, from + MerkleTree.HASH_BYTES);
    }
}
