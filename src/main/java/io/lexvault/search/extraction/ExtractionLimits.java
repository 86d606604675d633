package io.lexvault.search.extraction;

import java.time.Duration;

/**
 * How far one document's extraction may go before it is given up as hostile or broken. Every limit
 * ends the document as {@link Extraction.Failed}; nothing else is affected.
 *
 * @param timeLimit wall-clock time for the whole document, attachments and OCR included
 * @param maxCharacters characters of text over all parts (a 1,000-page contract has about 3 million)
 * @param maxEmbedded embedded files (attachments, archive entries, embedded objects) over all levels
 * @param maxNesting how deep attachments may nest (an e-mail attached to an e-mail is depth 2)
 */
record ExtractionLimits(Duration timeLimit, long maxCharacters, int maxEmbedded, int maxNesting) {

    static final ExtractionLimits DEFAULTS = new ExtractionLimits(
            Duration.ofMinutes(2), charactersFor(Runtime.getRuntime().maxMemory()), 500, 5);

    /**
     * The text one extraction may hold, from the heap it runs in: the text exists several times over
     * while it is parsed, split into blocks and chunked (two bytes a character), and one extraction runs
     * per core. A sixty-fourth of the heap in characters keeps all of that to about a quarter of it, so
     * a 150 MB text file indexed on a 96 MB heap fails as "too much text" instead of taking the server
     * down; from a 1.3 GB heap on, the cap is 20 million characters (several thousand pages).
     */
    static long charactersFor(long maxHeapBytes) {
        return Math.clamp(maxHeapBytes / 64, 1_000_000L, 20_000_000L);
    }

    ExtractionLimits {
        if (timeLimit.isNegative() || timeLimit.isZero() || maxCharacters < 1 || maxEmbedded < 0 || maxNesting < 0) {
            throw new IllegalArgumentException("extraction limits must be positive");
        }
    }
}
