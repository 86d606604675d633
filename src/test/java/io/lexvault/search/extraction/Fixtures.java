package io.lexvault.search.extraction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/** Documents made in the test, with the libraries Tika itself reads them with (PDFBox, POI). */
final class Fixtures {

    private Fixtures() {}

    /** A PDF with one page per entry, each page's lines drawn as text (a real text layer). */
    static byte[] pdf(List<List<String>> pages) {
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (List<String> lines : pages) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream stream = new PDPageContentStream(document, page)) {
                    stream.beginText();
                    stream.setFont(font, 12);
                    stream.setLeading(16);
                    stream.newLineAtOffset(72, 720);
                    for (String line : lines) {
                        stream.showText(line);
                        stream.newLine();
                    }
                    stream.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Word document: headings (styles "heading 1", "heading 2"), paragraphs, a bulleted list, a table. */
    static byte[] docx() {
        try (XWPFDocument document = new XWPFDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFStyles styles = document.createStyles();
            styles.addStyle(headingStyle("Heading1", "heading 1"));
            styles.addStyle(headingStyle("Heading2", "heading 2"));
            heading(document, "Heading1", "Share Purchase Agreement");
            paragraph(document, "This agreement is made between Müller AB and Nordic Holdings Ltd.");
            heading(document, "Heading2", "1. Definitions");
            paragraph(document, "In this agreement the following words have the meanings given below.");
            paragraph(document, "• Business Day means a day on which banks are open in Stockholm.");
            heading(document, "Heading2", "2. Purchase price");
            paragraph(document, "The purchase price is payable on completion.");
            XWPFTable table = document.createTable(2, 2);
            table.getRow(0).getCell(0).setText("Instalment");
            table.getRow(0).getCell(1).setText("Amount");
            table.getRow(1).getCell(0).setText("First");
            table.getRow(1).getCell(1).setText("SEK 10,000,000");
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XWPFStyle headingStyle(String id, String name) {
        CTStyle style = CTStyle.Factory.newInstance();
        style.setStyleId(id);
        style.addNewName().setVal(name);
        style.setType(STStyleType.PARAGRAPH);
        return new XWPFStyle(style);
    }

    private static void heading(XWPFDocument document, String style, String text) {
        XWPFParagraph paragraph = document.createParagraph();
        paragraph.setStyle(style);
        paragraph.createRun().setText(text);
    }

    private static void paragraph(XWPFDocument document, String text) {
        document.createParagraph().createRun().setText(text);
    }
}
