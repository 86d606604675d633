package io.lexvault.search.extraction;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What text extraction made of one document version. A sealed outcome: extracted text in parts and
 * blocks, a version that has no text layer (a scan with no OCR available), or a file that could not be
 * extracted, with a reason a person can read ("could not extract: nested too deeply").
 */
public sealed interface Extraction {

    /** The text of a version: its parts (the body, each e-mail attachment) in document order. */
    record Extracted(List<Part> parts, @Nullable String language) implements Extraction {
        public Extracted {
            parts = List.copyOf(parts);
        }
    }

    /** A version with no text to index, such as a scanned PDF when OCR is not installed. */
    record NoTextLayer(String reason) implements Extraction {}

    /** A file that could not be extracted (bomb, time limit, corrupt, unsupported); nothing else affected. */
    record Failed(String reason) implements Extraction {}

    /** One part of a document: "body", or an attachment's file name. */
    record Part(String name, List<Block> blocks) {
        public Part {
            blocks = List.copyOf(blocks);
        }
    }

    /** One structural block of text, in reading order. {@code page} is 1-based, null where unknown. */
    record Block(
            BlockKind kind,
            int level,
            String text,
            @Nullable Integer page) {}

    /** What a block is; {@code level} is the heading level (1..6) for headings, the list depth for items. */
    enum BlockKind {
        HEADING,
        PARAGRAPH,
        LIST_ITEM,
        TABLE_ROW
    }
}
