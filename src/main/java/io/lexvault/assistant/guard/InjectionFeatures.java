package io.lexvault.assistant.guard;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The classifier's inputs besides the embedding: hashed character 3-5-grams and word uni- and bigrams
 * of the folded text ({@link GuardText}: compatibility forms, invisible characters, look-alike letters
 * and accents gone, lower case). Character n-grams see an attack's stems in every language the
 * training data has ("ignor", "anweis", "instruc") whatever the inflection; the embedding sees its
 * meaning in English.
 *
 * <p>Tokens holding a digit (case numbers, hex ids, hashes, dates) are one placeholder, so "what does
 * 3f9a2c1e77 refer to?" looks like "what does # refer to?": the v1 classifier blocked short questions
 * with hex-like ids because a rare token dominated the whole text. The same masking is applied to what
 * the embedding model reads ({@link #forEmbedding}).
 */
final class InjectionFeatures {

    /** The hashed block's width (2^14); a power of two. */
    static final int HASHED = 1 << 14;

    private static final Pattern WITH_DIGIT = Pattern.compile("\\b[\\p{L}\\d_-]*\\d[\\p{L}\\d_-]*\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private InjectionFeatures() {}

    /** The folded text with every token that holds a digit replaced by "#". */
    static String normalise(String text) {
        return SPACES.matcher(WITH_DIGIT.matcher(GuardText.fold(text)).replaceAll("#"))
                .replaceAll(" ")
                .strip();
    }

    /** What the embedding model reads: the normalised text (the model is uncased and accent-blind anyway). */
    static String forEmbedding(String text) {
        String normal = normalise(text);
        return normal.isEmpty() ? "." : normal;
    }

    /**
     * Sparse hashed features of the (already normalised) text: index to value, log(1 + count) scaled to
     * unit length, so a long and a short text weigh alike beside the unit-length embedding.
     */
    static Map<Integer, Double> hashed(String normal) {
        var counts = new HashMap<Integer, Double>();
        String padded = " " + normal + " ";
        for (int n = 3; n <= 5; n++) {
            for (int i = 0; i + n <= padded.length(); i++) {
                add(counts, fnv(padded, i, i + n, n));
            }
        }
        String[] words = normal.split("[^\\p{L}#']+");
        String previous = "^";
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            add(counts, fnv("w " + word, 0, word.length() + 2, 7));
            add(counts, fnv("b " + previous + " " + word, 0, previous.length() + word.length() + 3, 11));
            previous = word;
        }
        double norm = 0;
        for (var e : counts.entrySet()) {
            double v = Math.log1p(Math.abs(e.getValue())) * Math.signum(e.getValue());
            e.setValue(v);
            norm += v * v;
        }
        if (norm > 0) {
            double scale = 1 / Math.sqrt(norm);
            counts.replaceAll((k, v) -> v * scale);
        }
        return counts;
    }

    private static void add(Map<Integer, Double> counts, int hash) {
        // one bit of the hash gives the sign, so colliding features cancel out on average
        double sign = (hash & 0x8000_0000) == 0 ? 1 : -1;
        counts.merge(hash & (HASHED - 1), sign, Double::sum);
    }

    /** FNV-1a over the chars, salted by kind (n-gram length or word/bigram): stable across JVMs. */
    private static int fnv(String s, int from, int to, int salt) {
        int h = 0x811C9DC5 ^ salt * 0x01000193;
        for (int i = from; i < to; i++) {
            h ^= s.charAt(i);
            h *= 0x01000193;
        }
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        h ^= h >>> 12;
        return h;
    }
}
