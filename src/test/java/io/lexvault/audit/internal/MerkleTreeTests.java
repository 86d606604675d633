package io.lexvault.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tree hashing and proofs against RFC 6962 §2.1: the RFC's own recursive definitions (MTH, PATH,
 * PROOF) are written out here independently and compared with the production code for every leaf
 * and pair of sizes up to 40; every proof must verify, and every corrupted one must not. The eight
 * leaves and roots used by Certificate Transparency's implementations anchor the hashing itself.
 */
class MerkleTreeTests {

    private static final HexFormat HEX = HexFormat.of();

    /** The test leaves of certificate-transparency's Merkle tree tests. */
    private static final String[] CT_LEAVES = {
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"
    };

    private static final String[] CT_ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    };

    @Test
    void rootsMatchCertificateTransparencysTestVectors() {
        var leaves = new ArrayList<byte[]>();
        for (int n = 0; n < CT_LEAVES.length; n++) {
            leaves.add(MerkleTree.leafHash(HEX.parseHex(CT_LEAVES[n])));
            assertThat(HEX.formatHex(MerkleTree.rootHash(leaves)))
                    .as("size %d", n + 1)
                    .isEqualTo(CT_ROOTS[n]);
        }
        assertThat(HEX.formatHex(MerkleTree.rootHash(List.of())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void rootsMatchTheRfcsRecursiveDefinition() {
        var leaves = leaves(64);
        for (int n = 1; n <= 64; n++) {
            assertThat(MerkleTree.rootHash(leaves.subList(0, n)))
                    .as("size %d", n)
                    .isEqualTo(mth(leaves.subList(0, n)));
        }
    }

    @Test
    void theAccumulatorGivesTheRfcsRootAtEverySize() {
        var leaves = leaves(64);
        var accumulator = new MerkleTree.Accumulator();
        assertThat(accumulator.root()).isEqualTo(MerkleTree.rootHash(List.of()));
        for (int n = 1; n <= 64; n++) {
            accumulator.add(leaves.get(n - 1));
            assertThat(accumulator.size()).isEqualTo(n);
            assertThat(accumulator.root()).as("size %d", n).isEqualTo(mth(leaves.subList(0, n)));
        }
    }

    @Test
    void inclusionProofsMatchTheRfcAndVerify() {
        var leaves = leaves(40);
        for (int n = 1; n <= 40; n++) {
            byte[] root = mth(leaves.subList(0, n));
            for (int m = 0; m < n; m++) {
                var proof = MerkleTree.inclusionProof(leaves, m, n);
                assertThat(proof).as("PATH(%d, D[%d])", m, n).containsExactlyElementsOf(path(m, leaves.subList(0, n)));
                assertThat(MerkleTree.verifyInclusion(m, n, leaves.get(m), proof, root))
                        .isTrue();
            }
        }
    }

    @Test
    void consistencyProofsMatchTheRfcAndVerify() {
        var leaves = leaves(40);
        for (int n = 1; n <= 40; n++) {
            byte[] newer = mth(leaves.subList(0, n));
            for (int m = 1; m <= n; m++) {
                var proof = MerkleTree.consistencyProof(leaves, m, n);
                var expected = m == n ? List.<byte[]>of() : subproof(m, leaves.subList(0, n), true);
                assertThat(proof).as("PROOF(%d, D[%d])", m, n).containsExactlyElementsOf(expected);
                assertThat(MerkleTree.verifyConsistency(m, n, mth(leaves.subList(0, m)), newer, proof))
                        .as("%d -> %d", m, n)
                        .isTrue();
            }
        }
    }

    @Test
    void corruptedInclusionProofsAreRefused() {
        var leaves = leaves(13);
        byte[] root = MerkleTree.rootHash(leaves);
        for (int m = 0; m < 13; m++) {
            var proof = MerkleTree.inclusionProof(leaves, m, 13);
            for (int i = 0; i < proof.size(); i++) {
                var bad = copy(proof);
                bad.get(i)[0] ^= 1;
                assertThat(MerkleTree.verifyInclusion(m, 13, leaves.get(m), bad, root))
                        .isFalse();
            }
            assertThat(MerkleTree.verifyInclusion(m, 13, leaves.get(m), proof.subList(0, proof.size() - 1), root))
                    .as("a node missing")
                    .isFalse();
            var longer = copy(proof);
            longer.add(leaves.getFirst());
            assertThat(MerkleTree.verifyInclusion(m, 13, leaves.get(m), longer, root))
                    .as("a node too many")
                    .isFalse();
            assertThat(MerkleTree.verifyInclusion((m + 1) % 13, 13, leaves.get(m), proof, root))
                    .as("another index")
                    .isFalse();
            assertThat(MerkleTree.verifyInclusion(m, 13, leaves.get((m + 1) % 13), proof, root))
                    .as("another leaf")
                    .isFalse();
        }
    }

    @Test
    void corruptedConsistencyProofsAreRefused() {
        var leaves = leaves(21);
        byte[] newer = MerkleTree.rootHash(leaves);
        for (int m = 1; m < 21; m++) {
            byte[] older = MerkleTree.rootHash(leaves.subList(0, m));
            var proof = MerkleTree.consistencyProof(leaves, m, 21);
            for (int i = 0; i < proof.size(); i++) {
                var bad = copy(proof);
                bad.get(i)[31] ^= 0x80;
                assertThat(MerkleTree.verifyConsistency(m, 21, older, newer, bad))
                        .isFalse();
            }
            assertThat(MerkleTree.verifyConsistency(m, 21, older, newer, List.of()))
                    .isFalse();
            assertThat(MerkleTree.verifyConsistency(m, 21, older, newer, proof.subList(1, proof.size())))
                    .isFalse();
            byte[] forgedOlder = older.clone();
            forgedOlder[5] ^= 1;
            assertThat(MerkleTree.verifyConsistency(m, 21, forgedOlder, newer, proof))
                    .as("a rewritten history")
                    .isFalse();
        }
    }

    @Test
    void aLeafCannotPassForAnInnerNode() {
        byte[] left = MerkleTree.leafHash(new byte[] {1});
        byte[] right = MerkleTree.leafHash(new byte[] {2});
        byte[] concatenated = new byte[64];
        System.arraycopy(left, 0, concatenated, 0, 32);
        System.arraycopy(right, 0, concatenated, 32, 32);
        assertThat(MerkleTree.leafHash(concatenated)).isNotEqualTo(MerkleTree.nodeHash(left, right));
    }

    // RFC 6962 §2.1, written out as the RFC states it (recursion on the largest power of two k < n).

    private static byte[] mth(List<byte[]> d) {
        if (d.size() == 1) {
            return d.getFirst();
        }
        int k = Integer.highestOneBit(d.size() - 1);
        return hash((byte) 1, mth(d.subList(0, k)), mth(d.subList(k, d.size())));
    }

    private static List<byte[]> path(int m, List<byte[]> d) {
        int n = d.size();
        if (n == 1) {
            return List.of();
        }
        int k = Integer.highestOneBit(n - 1);
        var result = new ArrayList<byte[]>();
        if (m < k) {
            result.addAll(path(m, d.subList(0, k)));
            result.add(mth(d.subList(k, n)));
        } else {
            result.addAll(path(m - k, d.subList(k, n)));
            result.add(mth(d.subList(0, k)));
        }
        return result;
    }

    private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        int n = d.size();
        if (m == n) {
            return b ? List.of() : List.of(mth(d));
        }
        int k = Integer.highestOneBit(n - 1);
        var result = new ArrayList<byte[]>();
        if (m <= k) {
            result.addAll(subproof(m, d.subList(0, k), b));
            result.add(mth(d.subList(k, n)));
        } else {
            result.addAll(subproof(m - k, d.subList(k, n), false));
            result.add(mth(d.subList(0, k)));
        }
        return result;
    }

    private static byte[] hash(byte prefix, byte[] left, byte[] right) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(prefix);
            digest.update(left);
            return digest.digest(right);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<byte[]> leaves(int count) {
        var leaves = new ArrayList<byte[]>();
        for (int i = 0; i < count; i++) {
            leaves.add(MerkleTree.leafHash(("leaf " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return leaves;
    }

    private static List<byte[]> copy(List<byte[]> proof) {
        var copy = new ArrayList<byte[]>();
        proof.forEach(node -> copy.add(node.clone()));
        return copy;
    }
}
