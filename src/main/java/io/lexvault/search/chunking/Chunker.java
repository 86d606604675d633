package io.lexvault.search.chunking;

import io.lexvault.search.extraction.Extraction;
import io.lexvault.search.extraction.Extraction.Block;
import io.lexvault.search.extraction.Extraction.BlockKind;
import io.lexvault.search.extraction.Extraction.Part;
import io.lexvault.search.extraction.Languages;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Cuts extracted text into chunks along its structure, for storage, indexing and citation.
 *
 * <p><b>The text that offsets point into.</b> A part's text is its blocks' texts joined by a blank line,
 * exactly {@code String.join("\n\n", texts)} ({@link #partText}); {@link TextChunk#startOffset()} and
 * {@link TextChunk#endOffset()} are {@code char} (UTF-16) offsets into it, and a chunk's text is always
 * {@code partText.substring(startOffset, endOffset)}, so a citation or highlight can be placed in the
 * whole part's text and the chunk's own text alike. Chunks never overlap and never cross a part.
 *
 * <p><b>How it cuts.</b> A heading ends the chunk before it and starts a new one, which carries the
 * heading's text and its heading path (the headings above it, outermost first). Paragraphs, list items
 * and table rows are added whole while the chunk stays within the target size in words; a block
 * longer than the target is split at sentence boundaries (and a sentence longer than the target at
 * word boundaries). Consecutive headings stay together with the text that follows them. A chunk's
 * page is the page of its first block.
 *
 * <p><b>Language.</b> Each chunk gets the language detected for its own text, or, when its text is too
 * short or too mixed to tell, the document's.
 */
@Component
public class Chunker {

    /**
     * The default target, in words. About 250 tokens for the embedding models considered, so a chunk
     * fits their input (all-MiniLM-L6-v2 reads 256 word pieces) while keeping a typical contract clause
     * (60 to 150 words) whole with its heading.
     */
    public static final int DEFAULT_TARGET_WORDS = 200;

    private static final String HEADING_SEPARATOR = " › ";

    private final Languages languages;
    private final int targetWords;

    @Autowired
    public Chunker(Languages languages) {
        this(languages, DEFAULT_TARGET_WORDS);
    }

    /** A chunker with its own target size in words (benchmarks compare sizes with this). */
    public Chunker(Languages languages, int targetWords) {
        if (targetWords < 10) {
            throw new IllegalArgumentException("a chunk's target size must be at least 10 words");
        }
        this.languages = languages;
        this.targetWords = targetWords;
    }

    public int targetWords() {
        return targetWords;
    }

    /** The text of a part that chunk offsets point into: its blocks' texts joined by "\n\n". */
    public static String partText(Part part) {
        return String.join("\n\n", part.blocks().stream().map(Block::text).toList());
    }

    /** The chunks of every part, in document order, numbered from 0 across parts. */
    public List<TextChunk> chunk(Extraction.Extracted extracted) {
        List<TextChunk> chunks = new ArrayList<>();
        for (Part part : extracted.parts()) {
            new PartChunks(part, extracted.language(), chunks).cut();
        }
        return List.copyOf(chunks);
    }

    /** The cutting of one part; appends to the shared list so numbers run on across parts. */
    private final class PartChunks {

        private final Part part;
        private final @Nullable String documentLanguage;
        private final List<TextChunk> out;
        private final String text;
        private final int[] starts;
        private final String[] headings = new String[7];
        // the open chunk: [start, end) in the part's text
        private int start = -1;
        private int end;
        private int words;
        private boolean hasBody;
        private @Nullable Integer page;

        PartChunks(Part part, @Nullable String documentLanguage, List<TextChunk> out) {
            this.part = part;
            this.documentLanguage = documentLanguage;
            this.out = out;
            this.text = partText(part);
            this.starts = new int[part.blocks().size()];
            int position = 0;
            for (int i = 0; i < starts.length; i++) {
                starts[i] = position;
                position += part.blocks().get(i).text().length() + 2;
            }
        }

        void cut() {
            for (int i = 0; i < starts.length; i++) {
                Block block = part.blocks().get(i);
                int blockStart = starts[i];
                int blockEnd = blockStart + block.text().length();
                if (block.kind() == BlockKind.HEADING) {
                    if (hasBody) {
                        emit();
                    }
                    heading(block);
                    extend(blockStart, blockEnd, words(block.text()), block.page(), false);
                    continue;
                }
                int blockWords = words(block.text());
                if (hasBody && words + blockWords > targetWords) {
                    emit();
                }
                if (blockWords <= targetWords) {
                    extend(blockStart, blockEnd, blockWords, block.page(), true);
                } else {
                    split(block, blockStart);
                }
            }
            if (start >= 0) {
                emit();
            }
        }

        /** A block longer than the target: pieces of whole sentences, each within the target. */
        private void split(Block block, int offset) {
            String content = block.text();
            BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
            sentences.setText(content);
            int from = sentences.first();
            for (int to = sentences.next(); to != BreakIterator.DONE; from = to, to = sentences.next()) {
                String sentence = content.substring(from, to);
                int sentenceWords = words(sentence);
                if (sentenceWords > targetWords) {
                    splitWords(content, from, to, offset, block.page());
                    continue;
                }
                if (hasBody && words + sentenceWords > targetWords) {
                    emit();
                }
                extend(offset + from, offset + trimmedEnd(content, from, to), sentenceWords, block.page(), true);
            }
        }

        /** A sentence longer than the target (a run-on list, a table flattened to text): cut at spaces. */
        private void splitWords(String content, int from, int to, int offset, @Nullable Integer blockPage) {
            int pieceStart = from;
            int count = 0;
            int i = from;
            while (i < to) {
                while (i < to && Character.isWhitespace(content.charAt(i))) {
                    i++;
                }
                if (i >= to) {
                    break;
                }
                while (i < to && !Character.isWhitespace(content.charAt(i))) {
                    i++;
                }
                count++;
                if (count == targetWords) {
                    if (hasBody && words > 0) {
                        emit();
                    }
                    extend(offset + skipSpace(content, pieceStart, to), offset + i, count, blockPage, true);
                    emit();
                    pieceStart = i;
                    count = 0;
                }
            }
            if (count > 0) {
                if (hasBody && words + count > targetWords) {
                    emit();
                }
                extend(
                        offset + skipSpace(content, pieceStart, to),
                        offset + trimmedEnd(content, pieceStart, to),
                        count,
                        blockPage,
                        true);
            }
        }

        private void extend(int from, int to, int addedWords, @Nullable Integer blockPage, boolean body) {
            if (start < 0) {
                start = from;
                page = blockPage;
            }
            end = to;
            words += addedWords;
            hasBody |= body;
        }

        private void heading(Block block) {
            int level = Math.clamp(block.level(), 1, 6);
            headings[level] = block.text();
            for (int deeper = level + 1; deeper < headings.length; deeper++) {
                headings[deeper] = null;
            }
        }

        private void emit() {
            if (start < 0) {
                return;
            }
            List<String> path = new ArrayList<>();
            for (String heading : headings) {
                if (heading != null) {
                    path.add(heading);
                }
            }
            String chunkText = text.substring(start, end);
            String language = languages.of(chunkText);
            out.add(new TextChunk(
                    out.size(),
                    chunkText,
                    part.name(),
                    String.join(HEADING_SEPARATOR, path),
                    page,
                    start,
                    end,
                    language != null ? language : documentLanguage));
            start = -1;
            words = 0;
            hasBody = false;
            page = null;
        }
    }

    private static int skipSpace(String content, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(content.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trimmedEnd(String content, int from, int to) {
        int i = to;
        while (i > from && Character.isWhitespace(content.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    static int words(String text) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                count++;
            }
            inWord = !space;
        }
        return count;
    }
}
