package io.lexvault.audit.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log's Merkle tree, hashed exactly as RFC 6962 §2.1 (and RFC 9162 §2.1): a leaf hash is
 * SHA-256(0x00 || leaf), an inner node SHA-256(0x01 || left || right); the tree over n leaves splits
 * at the largest power of two smaller than n. The 0x00/0x01 prefixes keep a leaf from ever passing
 * for a node (second-preimage resistance).
 *
 * <p>Proofs are built from leaf hashes and checked with the verification algorithms of RFC 9162
 * §2.1.3.2 (inclusion) and §2.1.4.2 (consistency), which is what an independent verifier needs.
 */
public final class MerkleTree {

    public static final int HASH_BYTES = 32;

    /** One digest per thread, reused: looking one up for every hash costs about as much as hashing a small leaf. */
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(MerkleTree::sha256);

    private MerkleTree() {}

    public static byte[] leafHash(byte[] leaf) {
        var digest = DIGESTS.get();
        digest.reset();
        digest.update((byte) 0x00);
        return digest.digest(leaf);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        var digest = DIGESTS.get();
        digest.reset();
        digest.update((byte) 0x01);
        digest.update(left);
        return digest.digest(right);
    }

    /** The root over the given leaf hashes; SHA-256 of nothing for the empty tree. */
    public static byte[] rootHash(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return sha256().digest();
        }
        // Bottom-up, level by level: a lone last node is carried up unchanged, which yields the same
        // tree as the RFC's recursive split.
        List<byte[]> level = leafHashes;
        while (level.size() > 1) {
            var next = new ArrayList<byte[]>((level.size() + 1) / 2);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(nodeHash(level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.getLast());
            }
            level = next;
        }
        return level.getFirst();
    }

    /**
     * The root of a growing tree without keeping its leaves: one perfect subtree per set bit of the
     * size (a "compact range"), so a verifier streams a log of any length in constant memory and
     * reads the root at every size a checkpoint names.
     */
    public static final class Accumulator {

        /** Roots of the perfect subtrees, largest first; sizes follow the bits of {@link #size}. */
        private final ArrayList<byte[]> subtrees = new ArrayList<>();

        private long size;

        public void add(byte[] leafHash) {
            byte[] carry = leafHash;
            // Each trailing one bit of the old size is a subtree of the same height to merge with.
            for (long bits = size; (bits & 1) == 1; bits >>>= 1) {
                carry = nodeHash(subtrees.removeLast(), carry);
            }
            subtrees.add(carry);
            size++;
        }

        public long size() {
            return size;
        }

        /** An accumulator of the same leaves that grows on its own (hashes are never changed in place). */
        public Accumulator copy() {
            var copy = new Accumulator();
            copy.subtrees.addAll(subtrees);
            copy.size = size;
            return copy;
        }

        /** The RFC 6962 root of the leaves added so far. */
        public byte[] root() {
            if (subtrees.isEmpty()) {
                return sha256().digest();
            }
            byte[] root = subtrees.getLast();
            for (int i = subtrees.size() - 2; i >= 0; i--) {
                root = nodeHash(subtrees.get(i), root);
            }
            return root;
        }
    }

    /** The audit path of leaf {@code index} in the tree of the first {@code size} leaves (RFC 6962 PATH). */
    public static List<byte[]> inclusionProof(List<byte[]> leafHashes, long index, long size) {
        if (index < 0 || size > leafHashes.size() || index >= size) {
            throw new IllegalArgumentException("No leaf " + index + " in a tree of " + size);
        }
        var proof = new ArrayList<byte[]>();
        path((int) index, leafHashes.subList(0, (int) size), proof);
        return proof;
    }

    private static void path(int index, List<byte[]> leaves, List<byte[]> proof) {
        int n = leaves.size();
        if (n <= 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (index < k) {
            path(index, leaves.subList(0, k), proof);
            proof.add(rootHash(leaves.subList(k, n)));
        } else {
            path(index - k, leaves.subList(k, n), proof);
            proof.add(rootHash(leaves.subList(0, k)));
        }
    }

    /** The proof that the tree of {@code older} leaves is a prefix of the tree of {@code newer} (RFC 6962 PROOF). */
    public static List<byte[]> consistencyProof(List<byte[]> leafHashes, long older, long newer) {
        if (older < 0 || older > newer || newer > leafHashes.size()) {
            throw new IllegalArgumentException("No consistency proof from " + older + " to " + newer);
        }
        var proof = new ArrayList<byte[]>();
        if (older > 0 && older < newer) {
            subproof((int) older, leafHashes.subList(0, (int) newer), true, proof);
        }
        return proof;
    }

    private static void subproof(int m, List<byte[]> leaves, boolean completeSubtree, List<byte[]> proof) {
        int n = leaves.size();
        if (m == n) {
            if (!completeSubtree) {
                proof.add(rootHash(leaves));
            }
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, leaves.subList(0, k), completeSubtree, proof);
            proof.add(rootHash(leaves.subList(k, n)));
        } else {
            subproof(m - k, leaves.subList(k, n), false, proof);
            proof.add(rootHash(leaves.subList(0, k)));
        }
    }

    /** RFC 9162 §2.1.3.2: does {@code proof} place {@code leafHash} at {@code index} under {@code root}? */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (p.length != HASH_BYTES || sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /** RFC 9162 §2.1.4.2: is the tree of {@code older} leaves with {@code olderRoot} a prefix of the newer one? */
    public static boolean verifyConsistency(
            long older, long newer, byte[] olderRoot, byte[] newerRoot, List<byte[]> proof) {
        if (older < 0 || older > newer) {
            return false;
        }
        if (older == newer) {
            return proof.isEmpty() && MessageDigest.isEqual(olderRoot, newerRoot);
        }
        if (older == 0) {
            // Every tree extends the empty one; the RFC sends no proof for it.
            return proof.isEmpty();
        }
        if (proof.isEmpty() || proof.stream().anyMatch(p -> p.length != HASH_BYTES)) {
            return false;
        }
        var path = new ArrayList<>(proof);
        if (Long.bitCount(older) == 1) {
            // older is a power of two: its root is the first node of the path.
            path.addFirst(olderRoot);
        }
        long fn = older - 1;
        long sn = newer - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.getFirst();
        byte[] sr = path.getFirst();
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, olderRoot) && MessageDigest.isEqual(sr, newerRoot);
    }

    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
