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

    static final ExtractionLimits DEFAULTS = new ExtractionLimits(Duration.ofMinutes(2), 20_000_000, 500, 5);

    ExtractionLimits {
        if (timeLimit.isNegative() || timeLimit.isZero() || maxCharacters < 1 || maxEmbedded < 0 || maxNesting < 0) {
            throw new IllegalArgumentException("extraction limits must be positive");
        }
    }
}
