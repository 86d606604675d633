package io.lexvault.search.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.search.extraction.Extraction.Block;
import io.lexvault.search.extraction.Extraction.BlockKind;
import io.lexvault.search.extraction.Extraction.Extracted;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Text and structure from each supported format, made in the test. */
class TextExtractorTests {

    static final TextExtractor EXTRACTOR = new TextExtractor(ExtractionLimits.DEFAULTS, Ocr.NONE);

    @AfterAll
    static void stop() {
        EXTRACTOR.stop();
    }

    static Extraction extract(byte[] content, String name, String type) {
        return EXTRACTOR.extract(new ByteArrayInputStream(content), name, type);
    }

    static Extracted extracted(byte[] content, String name, String type) {
        Extraction extraction = extract(content, name, type);
        assertThat(extraction).isInstanceOf(Extracted.class);
        return (Extracted) extraction;
    }

    static List<Block> body(Extracted extracted) {
        assertThat(extracted.parts().getFirst().name()).isEqualTo("body");
        return extracted.parts().getFirst().blocks();
    }

    @Test
    void plainTextIsSplitIntoParagraphsAtBlankLines() {
        String text = "Lease agreement\r\n\r\nThe tenant shall pay\nthe rent monthly.\n\n\n"
                + "The landlord\u00AD shall keep the roof\u0000 in repair.\n";
        Extracted extracted = extracted(text.getBytes(StandardCharsets.UTF_8), "lease.txt", "text/plain");
        assertThat(body(extracted))
                .extracting(Block::kind, Block::text, Block::page)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(BlockKind.PARAGRAPH, "Lease agreement", null),
                        org.assertj.core.groups.Tuple.tuple(
                                BlockKind.PARAGRAPH, "The tenant shall pay the rent monthly.", null),
                        org.assertj.core.groups.Tuple.tuple(
                                BlockKind.PARAGRAPH, "The landlord shall keep the roof in repair.", null));
    }

    @Test
    void pdfBlocksCarryTheirPage() {
        byte[] pdf = Fixtures.pdf(List.of(
                List.of("Article 1 Scope", "This contract governs the supply of goods."),
                List.of("Article 2 Price", "The price is fixed for the first year.")));
        List<Block> blocks = body(extracted(pdf, "contract.pdf", "application/pdf"));
        assertThat(String.join(" ", blocks.stream().map(Block::text).toList()))
                .contains("This contract governs the supply of goods.")
                .contains("The price is fixed for the first year.");
        assertThat(blocks)
                .filteredOn(block -> block.text().contains("supply of goods"))
                .extracting(Block::page)
                .containsOnly(1);
        assertThat(blocks)
                .filteredOn(block -> block.text().contains("fixed for the first year"))
                .extracting(Block::page)
                .containsOnly(2);
    }

    @Test
    void wordKeepsHeadingsParagraphsAndTableRows() {
        List<Block> blocks = body(extracted(Fixtures.docx(), "spa.docx", null));
        assertThat(blocks)
                .extracting(Block::kind, Block::level, Block::text)
                .containsSubsequence(
                        org.assertj.core.groups.Tuple.tuple(BlockKind.HEADING, 1, "Share Purchase Agreement"),
                        org.assertj.core.groups.Tuple.tuple(
                                BlockKind.PARAGRAPH,
                                0,
                                "This agreement is made between Müller AB and Nordic Holdings Ltd."),
                        org.assertj.core.groups.Tuple.tuple(BlockKind.HEADING, 2, "1. Definitions"),
                        org.assertj.core.groups.Tuple.tuple(BlockKind.HEADING, 2, "2. Purchase price"),
                        org.assertj.core.groups.Tuple.tuple(BlockKind.TABLE_ROW, 0, "Instalment | Amount"),
                        org.assertj.core.groups.Tuple.tuple(BlockKind.TABLE_ROW, 0, "First | SEK 10,000,000"));
        assertThat(blocks).extracting(Block::page).containsOnlyNulls();
    }
}
