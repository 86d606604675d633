package io.lexvault.search.chunking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lexvault.search.extraction.Extraction.Block;
import io.lexvault.search.extraction.Extraction.BlockKind;
import io.lexvault.search.extraction.Extraction.Extracted;
import io.lexvault.search.extraction.Extraction.Part;
import io.lexvault.search.extraction.Languages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChunkerTests {

    static final Languages LANGUAGES = new Languages();

    private static Block heading(int level, String text) {
        return new Block(BlockKind.HEADING, level, text, null);
    }

    private static Block paragraph(String text, Integer page) {
        return new Block(BlockKind.PARAGRAPH, 0, text, page);
    }

    private static Block paragraph(String text) {
        return paragraph(text, null);
    }

    private static String words(String word, int count) {
        return String.join(" ", java.util.Collections.nCopies(count, word));
    }

    /** Every chunk's offsets cut its own text out of its part's text, and chunks do not overlap. */
    private static void assertOffsetsReproduceText(Extracted extracted, List<TextChunk> chunks) {
        Map<String, String> texts = extracted.parts().stream().collect(Collectors.toMap(Part::name, Chunker::partText));
        int previousEnd = 0;
        String previousPart = null;
        for (TextChunk chunk : chunks) {
            String partText = texts.get(chunk.part());
            assertThat(partText.substring(chunk.startOffset(), chunk.endOffset()))
                    .isEqualTo(chunk.text());
            if (chunk.part().equals(previousPart)) {
                assertThat(chunk.startOffset()).isGreaterThanOrEqualTo(previousEnd);
            }
            previousPart = chunk.part();
            previousEnd = chunk.endOffset();
        }
    }

    @Test
    void headingsStartChunksAndFormTheHeadingPath() {
        Extracted extracted = new Extracted(
                List.of(new Part(
                        "body",
                        List.of(
                                heading(1, "Share Purchase Agreement"),
                                paragraph("Parties and recitals."),
                                heading(2, "1. Definitions"),
                                heading(3, "1.1 Business Day"),
                                paragraph("A day on which banks are open."),
                                heading(2, "2. Price"),
                                paragraph("The price is payable on completion."),
                                new Block(BlockKind.LIST_ITEM, 1, "first instalment", null),
                                new Block(BlockKind.TABLE_ROW, 0, "First | SEK 10", null)))),
                "en");
        List<TextChunk> chunks = new Chunker(LANGUAGES).chunk(extracted);
        assertThat(chunks)
                .extracting(TextChunk::number, TextChunk::headingPath, TextChunk::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                0, "Share Purchase Agreement", "Share Purchase Agreement\n\nParties and recitals."),
                        org.assertj.core.groups.Tuple.tuple(
                                1,
                                "Share Purchase Agreement › 1. Definitions › 1.1 Business Day",
                                "1. Definitions\n\n1.1 Business Day\n\nA day on which banks are open."),
                        org.assertj.core.groups.Tuple.tuple(
                                2,
                                "Share Purchase Agreement › 2. Price",
                                "2. Price\n\nThe price is payable on completion.\n\nfirst instalment\n\nFirst | SEK 10"));
        assertOffsetsReproduceText(extracted, chunks);
        assertThat(chunks).extracting(TextChunk::part).containsOnly("body");
    }

    @Test
    void paragraphsAreKeptWholeUpToTheTargetSize() {
        Extracted extracted = new Extracted(
                List.of(new Part(
                        "body",
                        List.of(
                                paragraph(words("alpha", 12), 1),
                                paragraph(words("beta", 12), 1),
                                paragraph(words("gamma", 12), 2)))),
                null);
        List<TextChunk> chunks = new Chunker(LANGUAGES, 30).chunk(extracted);
        assertThat(chunks)
                .extracting(TextChunk::text)
                .containsExactly(words("alpha", 12) + "\n\n" + words("beta", 12), words("gamma", 12));
        assertThat(chunks).extracting(TextChunk::page).containsExactly(1, 2);
        assertOffsetsReproduceText(extracted, chunks);
    }

    @Test
    void aLongParagraphIsSplitAtSentenceBoundaries() {
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sentences.add("Sentence " + i + " " + words("word", 8) + ".");
        }
        String paragraph = String.join(" ", sentences);
        Extracted extracted = new Extracted(List.of(new Part("body", List.of(paragraph(paragraph, 3)))), null);
        List<TextChunk> chunks = new Chunker(LANGUAGES, 25).chunk(extracted);
        assertThat(chunks).hasSizeGreaterThan(1);
        for (TextChunk chunk : chunks) {
            assertThat(Chunker.words(chunk.text())).isLessThanOrEqualTo(25);
            assertThat(chunk.text()).startsWith("Sentence ").endsWith(".");
            assertThat(chunk.page()).isEqualTo(3);
        }
        assertThat(String.join(" ", chunks.stream().map(TextChunk::text).toList()))
                .isEqualTo(paragraph);
        assertOffsetsReproduceText(extracted, chunks);
    }

    @Test
    void aSentenceLongerThanTheTargetIsCutAtSpaces() {
        String runOn = words("clause", 55);
        Extracted extracted =
                new Extracted(List.of(new Part("body", List.of(paragraph("Short one."), paragraph(runOn)))), null);
        List<TextChunk> chunks = new Chunker(LANGUAGES, 20).chunk(extracted);
        assertThat(chunks).extracting(chunk -> Chunker.words(chunk.text())).containsExactly(2, 20, 20, 15);
        assertOffsetsReproduceText(extracted, chunks);
    }

    @Test
    void partsAreChunkedSeparatelyAndNumberedOnAcrossThem() {
        Extracted extracted = new Extracted(
                List.of(
                        new Part("body", List.of(paragraph("Please find the draft attached."))),
                        new Part("draft.docx", List.of(heading(1, "Draft"), paragraph("Terms.")))),
                "en");
        List<TextChunk> chunks = new Chunker(LANGUAGES).chunk(extracted);
        assertThat(chunks)
                .extracting(TextChunk::number, TextChunk::part, TextChunk::startOffset, TextChunk::headingPath)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, "body", 0, ""),
                        org.assertj.core.groups.Tuple.tuple(1, "draft.docx", 0, "Draft"));
        assertOffsetsReproduceText(extracted, chunks);
    }

    @Test
    void eachChunkHasItsOwnLanguageOrElseTheDocuments() {
        Extracted extracted = new Extracted(
                List.of(
                        new Part(
                                "body",
                                List.of(
                                        paragraph("Please find attached the lease for the premises in Stockholm,"
                                                + " as agreed with the landlord yesterday."),
                                        heading(1, "Müller AB"))),
                        new Part(
                                "hyresavtal.docx",
                                List.of(paragraph("Hyresgästen ska under hela hyrestiden hålla lokalen i gott skick"
                                        + " och betala hyran i förskott.")))),
                "en");
        assertThat(new Chunker(LANGUAGES).chunk(extracted))
                .extracting(TextChunk::text, TextChunk::language)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "Please find attached the lease for the premises in Stockholm, as agreed with the"
                                        + " landlord yesterday.",
                                "en"),
                        // too short to tell: the document's language
                        org.assertj.core.groups.Tuple.tuple("Müller AB", "en"),
                        org.assertj.core.groups.Tuple.tuple(
                                "Hyresgästen ska under hela hyrestiden hålla lokalen i gott skick och betala hyran i"
                                        + " förskott.",
                                "sv"));
    }

    @Test
    void anEmptyExtractionHasNoChunks() {
        assertThat(new Chunker(LANGUAGES).chunk(new Extracted(List.of(new Part("body", List.of())), null)))
                .isEmpty();
    }

    @Test
    void aTargetTooSmallToHoldASentenceIsRefused() {
        assertThatThrownBy(() -> new Chunker(LANGUAGES, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
