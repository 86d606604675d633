package io.lexvault.search.chunking;

import org.jspecify.annotations.Nullable;

/**
 * One chunk of a document version's text, the unit that is stored (encrypted), indexed and cited.
 *
 * @param number 0-based position of the chunk within its version
 * @param text the chunk's text
 * @param part the part it comes from ("body" or an attachment's file name)
 * @param headingPath the headings above it, outermost first, joined by " › " (empty when none)
 * @param page 1-based page of the chunk's start, null where the format has no pages
 * @param startOffset character offset of the chunk's start in its part's text
 * @param endOffset character offset just after the chunk's end in its part's text
 * @param language ISO 639-1 code detected for the chunk, null when undetermined
 */
public record TextChunk(
        int number,
        String text,
        String part,
        String headingPath,
        @Nullable Integer page,
        int startOffset,
        int endOffset,
        @Nullable String language) {}
