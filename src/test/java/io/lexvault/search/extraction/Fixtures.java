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
public final class Fixtures {

    private Fixtures() {}

    /** A PDF with one page per entry, each page's lines drawn as text (a real text layer). */
    public static byte[] pdf(List<List<String>> pages) {
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

    /** An Excel workbook with one sheet of fees. */
    static byte[] xlsx() {
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("Fees");
            String[][] rows = {{"Matter", "Fee"}, {"Müller v Nordic", "12500"}, {"Lease renewal", "800"}};
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PowerPoint deck: one slide with a title and a text box. */
    static byte[] pptx() {
        try (var deck = new org.apache.poi.xslf.usermodel.XMLSlideShow();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var slide = deck.createSlide();
            var box = slide.createTextBox();
            box.setAnchor(new java.awt.geom.Rectangle2D.Double(50, 50, 500, 100));
            box.setText("Closing checklist: signed share transfer forms and board minutes.");
            deck.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OpenDocument file (ODT or ODS) from its content.xml body, zipped as the format requires. */
    static byte[] openDocument(String mimeType, String body) {
        String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
                + " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" office:version=\"1.2\">"
                + "<office:body>" + body + "</office:body></office:document-content>";
        String manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
                + " manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\""
                + mimeType + "\"/><manifest:file-entry manifest:full-path=\"content.xml\""
                + " manifest:media-type=\"text/xml\"/></manifest:manifest>";
        return zip(
                new String[][] {{"mimetype", mimeType}, {"content.xml", content}, {"META-INF/manifest.xml", manifest}});
    }

    /** A zip of text entries, {name, content} each; the first is stored uncompressed (OpenDocument's mimetype). */
    static byte[] zip(String[][] entries) {
        return zip(entries, List.of());
    }

    /** A zip of text entries and then binary ones ({name, bytes} each). */
    static byte[] zip(String[][] entries, List<Object[]> binaries) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream();
                var zip = new java.util.zip.ZipOutputStream(out)) {
            for (int i = 0; i < entries.length; i++) {
                byte[] bytes = entries[i][1].getBytes(java.nio.charset.StandardCharsets.UTF_8);
                var entry = new java.util.zip.ZipEntry(entries[i][0]);
                if (i == 0) {
                    entry.setMethod(java.util.zip.ZipEntry.STORED);
                    entry.setSize(bytes.length);
                    var crc = new java.util.zip.CRC32();
                    crc.update(bytes);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
            for (Object[] binary : binaries) {
                zip.putNextEntry(new java.util.zip.ZipEntry((String) binary[0]));
                zip.write((byte[]) binary[1]);
                zip.closeEntry();
            }
            zip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An e-mail (RFC 822) with a plain-text body and the given attachments ({name, type, bytes}). */
    static byte[] eml(String subject, String body, List<Object[]> attachments) {
        try {
            var session = jakarta.mail.Session.getInstance(new java.util.Properties());
            var message = new jakarta.mail.internet.MimeMessage(session);
            message.setFrom("anna@firm.example");
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, "client@example.com");
            message.setSubject(subject, "UTF-8");
            var multipart = new jakarta.mail.internet.MimeMultipart();
            var text = new jakarta.mail.internet.MimeBodyPart();
            text.setText(body, "UTF-8");
            multipart.addBodyPart(text);
            for (Object[] attachment : attachments) {
                var part = new jakarta.mail.internet.MimeBodyPart();
                part.setDataHandler(new jakarta.activation.DataHandler(
                        new jakarta.mail.util.ByteArrayDataSource((byte[]) attachment[2], (String) attachment[1])));
                part.setFileName((String) attachment[0]);
                part.setDisposition(jakarta.mail.Part.ATTACHMENT);
                multipart.addBodyPart(part);
            }
            message.setContent(multipart);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An Outlook message (.msg): the compound file Outlook writes, with the MAPI property streams Tika
     * reads (subject, sender, plain-text body) and one attachment (long file name and data).
     */
    static byte[] msg(String subject, String body, String attachmentName, byte[] attachment) {
        try (var filesystem = new org.apache.poi.poifs.filesystem.POIFSFileSystem();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var root = filesystem.getRoot();
            root.createDocument("__substg1.0_001A001F", utf16("IPM.Note"));
            root.createDocument("__substg1.0_0037001F", utf16(subject));
            root.createDocument("__substg1.0_0C1A001F", utf16("Anna Advokat"));
            root.createDocument("__substg1.0_1000001F", utf16(body));
            byte[] properties = new byte[32];
            properties[20] =
                    1; // attachment count (top-level header: 8 reserved, 4 next recipient, 4 next attachment, 4
            // recipients, 4 attachments)
            properties[16] = 1;
            root.createDocument("__properties_version1.0", new java.io.ByteArrayInputStream(properties));
            var attached = root.createDirectory("__attach_version1.0_#00000000");
            attached.createDocument("__substg1.0_3707001F", utf16(attachmentName));
            attached.createDocument("__substg1.0_3704001F", utf16(attachmentName));
            attached.createDocument("__substg1.0_37010102", new java.io.ByteArrayInputStream(attachment));
            attached.createDocument("__properties_version1.0", new java.io.ByteArrayInputStream(new byte[8]));
            filesystem.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.io.InputStream utf16(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
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
