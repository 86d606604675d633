package io.lexvault.search.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

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

    static final Languages LANGUAGES = new Languages();
    static final TextExtractor EXTRACTOR = new TextExtractor(ExtractionLimits.DEFAULTS, Ocr.NONE, LANGUAGES);

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
                        tuple(BlockKind.PARAGRAPH, "Lease agreement", null),
                        tuple(BlockKind.PARAGRAPH, "The tenant shall pay the rent monthly.", null),
                        tuple(BlockKind.PARAGRAPH, "The landlord shall keep the roof in repair.", null));
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
                        tuple(BlockKind.HEADING, 1, "Share Purchase Agreement"),
                        tuple(
                                BlockKind.PARAGRAPH,
                                0,
                                "This agreement is made between Müller AB and Nordic Holdings Ltd."),
                        tuple(BlockKind.HEADING, 2, "1. Definitions"),
                        tuple(BlockKind.HEADING, 2, "2. Purchase price"),
                        tuple(BlockKind.TABLE_ROW, 0, "Instalment | Amount"),
                        tuple(BlockKind.TABLE_ROW, 0, "First | SEK 10,000,000"));
        assertThat(blocks).extracting(Block::page).containsOnlyNulls();
    }

    @Test
    void excelSheetsAreHeadingsAndTheirRowsTableRows() {
        assertThat(body(extracted(Fixtures.xlsx(), "fees.xlsx", null)))
                .extracting(Block::kind, Block::text)
                .containsExactly(
                        tuple(BlockKind.HEADING, "Fees"),
                        tuple(BlockKind.TABLE_ROW, "Matter | Fee"),
                        tuple(BlockKind.TABLE_ROW, "Müller v Nordic | 12500"),
                        tuple(BlockKind.TABLE_ROW, "Lease renewal | 800"));
    }

    @Test
    void powerPointSlidesGiveTheirText() {
        assertThat(body(extracted(Fixtures.pptx(), "closing.pptx", null)))
                .extracting(Block::text)
                .containsExactly("Closing checklist: signed share transfer forms and board minutes.");
    }

    @Test
    void openDocumentTextAndSpreadsheetKeepTheirStructure() {
        byte[] odt = Fixtures.openDocument(
                "application/vnd.oasis.opendocument.text",
                "<office:text><text:h text:outline-level=\"1\">Lease</text:h>"
                        + "<text:p>The rent is due monthly.</text:p><text:list><text:list-item>"
                        + "<text:p>Deposit of three months</text:p></text:list-item></text:list></office:text>");
        assertThat(body(extracted(odt, "lease.odt", null)))
                .extracting(Block::kind, Block::text)
                .containsExactly(
                        tuple(BlockKind.HEADING, "Lease"),
                        tuple(BlockKind.PARAGRAPH, "The rent is due monthly."),
                        tuple(BlockKind.LIST_ITEM, "Deposit of three months"));
        byte[] ods = Fixtures.openDocument(
                "application/vnd.oasis.opendocument.spreadsheet",
                "<office:spreadsheet><table:table table:name=\"Fees\"><table:table-row>"
                        + "<table:table-cell><text:p>Müller v Nordic</text:p></table:table-cell>"
                        + "<table:table-cell><text:p>12500</text:p></table:table-cell>"
                        + "</table:table-row></table:table></office:spreadsheet>");
        assertThat(body(extracted(ods, "fees.ods", null)))
                .extracting(Block::kind, Block::text)
                .contains(tuple(BlockKind.TABLE_ROW, "Müller v Nordic | 12500"));
    }

    @Test
    void rtfParagraphs() {
        String rtf = "{\\rtf1\\ansi{\\fonttbl\\f0\\fswiss Helvetica;}\\f0\\pard Power of attorney\\par"
                + " The agent may sign the deed.\\par}";
        assertThat(body(extracted(rtf.getBytes(StandardCharsets.US_ASCII), "poa.rtf", null)))
                .extracting(Block::text)
                .containsExactly("Power of attorney", "The agent may sign the deed.");
    }

    @Test
    void csvRecordsAreTableRows() {
        String csv = "party,role\n\"Müller AB, Stockholm\",seller\nNordic Ltd,buyer\n";
        assertThat(body(extracted(csv.getBytes(StandardCharsets.UTF_8), "parties.csv", "text/csv")))
                .extracting(Block::kind, Block::text)
                .containsExactly(
                        tuple(BlockKind.TABLE_ROW, "party | role"),
                        tuple(BlockKind.TABLE_ROW, "Müller AB, Stockholm | seller"),
                        tuple(BlockKind.TABLE_ROW, "Nordic Ltd | buyer"));
    }

    @Test
    void markdownHeadingsAndListsAreStructure() {
        String markdown =
                "# Memo\n\nThe deal closes Friday.\nNo later.\n\n## Risks\n\n- tax\n  - stamp duty\n- warranties\n";
        assertThat(body(extracted(markdown.getBytes(StandardCharsets.UTF_8), "memo.md", null)))
                .extracting(Block::kind, Block::level, Block::text)
                .containsExactly(
                        tuple(BlockKind.HEADING, 1, "Memo"),
                        tuple(BlockKind.PARAGRAPH, 0, "The deal closes Friday. No later."),
                        tuple(BlockKind.HEADING, 2, "Risks"),
                        tuple(BlockKind.LIST_ITEM, 1, "tax"),
                        tuple(BlockKind.LIST_ITEM, 2, "stamp duty"),
                        tuple(BlockKind.LIST_ITEM, 1, "warranties"));
    }

    @Test
    void htmlGivesItsTextOnlyWithoutScriptsStylesOrTitle() {
        String html = "<html><head><title>Tracking title</title><script>var secret = 1;</script>"
                + "<style>p { color: red }</style></head><body><h1>Advice</h1><p>We advise <b>caution</b>.</p>"
                + "<ul><li>one</li><li>two<ul><li>two-a</li></ul></li></ul>"
                + "<table><tr><th>A</th><th>B</th></tr></table><img src=\"x.png\" alt=\"\"></body></html>";
        List<Block> blocks = body(extracted(html.getBytes(StandardCharsets.UTF_8), "advice.html", "text/html"));
        assertThat(blocks)
                .extracting(Block::kind, Block::level, Block::text)
                .containsExactly(
                        tuple(BlockKind.HEADING, 1, "Advice"),
                        tuple(BlockKind.PARAGRAPH, 0, "We advise caution."),
                        tuple(BlockKind.LIST_ITEM, 1, "one"),
                        tuple(BlockKind.LIST_ITEM, 1, "two"),
                        tuple(BlockKind.LIST_ITEM, 2, "two-a"),
                        tuple(BlockKind.TABLE_ROW, 0, "A | B"));
    }

    @Test
    void anEmailsAttachmentsArePartsOfTheirOwn() {
        byte[] eml = Fixtures.eml(
                "Draft lease",
                "Dear client,\n\nplease find the draft attached.\n\nAnna",
                List.of(
                        new Object[] {
                            "notes.txt", "text/plain", "Notes on the lease renewal.".getBytes(StandardCharsets.UTF_8)
                        },
                        new Object[] {
                            "spa.docx",
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            Fixtures.docx()
                        }));
        Extracted extracted = extracted(eml, "draft.eml", "message/rfc822");
        assertThat(extracted.parts())
                .extracting(Extraction.Part::name)
                .containsExactly("body", "notes.txt", "spa.docx");
        assertThat(body(extracted))
                .extracting(Block::kind, Block::text)
                .containsExactly(
                        tuple(BlockKind.HEADING, "Draft lease"),
                        tuple(BlockKind.PARAGRAPH, "From: anna@firm.example"),
                        tuple(BlockKind.PARAGRAPH, "To: client@example.com"),
                        tuple(BlockKind.PARAGRAPH, "Dear client,"),
                        tuple(BlockKind.PARAGRAPH, "please find the draft attached."),
                        tuple(BlockKind.PARAGRAPH, "Anna"));
        assertThat(extracted.parts().get(2).blocks())
                .extracting(Block::kind, Block::text)
                .contains(tuple(BlockKind.HEADING, "Share Purchase Agreement"));
        assertThat(extracted.language()).isEqualTo("en");
    }

    @Test
    void anOutlookMessagesAttachmentIsAPartOfItsOwn() {
        byte[] msg = Fixtures.msg(
                "Signed lease",
                "Dear client, the signed lease is attached.",
                "lease.txt",
                "The rent is SEK 10,000 a month.".getBytes(StandardCharsets.UTF_8));
        Extracted extracted = extracted(msg, "signed.msg", null);
        assertThat(extracted.parts()).extracting(Extraction.Part::name).containsExactly("body", "lease.txt");
        assertThat(body(extracted))
                .extracting(Block::kind, Block::text)
                .containsExactly(
                        tuple(BlockKind.HEADING, "Signed lease"),
                        tuple(BlockKind.PARAGRAPH, "From: Anna Advokat"),
                        tuple(BlockKind.PARAGRAPH, "Dear client, the signed lease is attached."));
        assertThat(extracted.parts().get(1).blocks())
                .extracting(Block::text)
                .containsExactly("The rent is SEK 10,000 a month.");
    }

    @Test
    void wordBulletsAreListItems() {
        assertThat(body(extracted(Fixtures.docx(), "spa.docx", null)))
                .extracting(Block::kind, Block::text)
                .contains(tuple(BlockKind.LIST_ITEM, "Business Day means a day on which banks are open in Stockholm."));
    }

    @Test
    void anUnknownBinaryIsNotSupported() {
        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        assertThat(extract(noise, "blob.bin", "application/octet-stream"))
                .isEqualTo(new Extraction.Failed("could not extract: its file type is not supported"));
    }

    @Test
    void anEmptyTextFileHasAnEmptyBody() {
        Extracted extracted = extracted(new byte[0], "empty.txt", "text/plain");
        assertThat(extracted.parts())
                .singleElement()
                .satisfies(part -> assertThat(part.blocks()).isEmpty());
        assertThat(extracted.language()).isNull();
    }
}
