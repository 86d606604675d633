package io.lexvault.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an upload is taken for, from its bytes, and which names and types are refused. */
class ContentTypesTests {

    private final ContentTypes types = new ContentTypes();

    @Test
    void allowedTypesAreRecognisedFromTheirBytes() {
        assertThat(type(SampleFiles.pdf(), "brief.pdf")).isEqualTo("application/pdf");
        assertThat(type(SampleFiles.png(), "scan.png")).isEqualTo("image/png");
        assertThat(type(SampleFiles.text(), "notes.txt")).isEqualTo("text/plain");
        assertThat(type("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "table.csv"))
                .isEqualTo("text/csv");
        assertThat(type(SampleFiles.docx(), "contract.docx"))
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(type(SampleFiles.doc(), "old.doc")).isEqualTo("application/msword");
        assertThat(type("{\\rtf1\\ansi hello}".getBytes(StandardCharsets.US_ASCII), "letter.rtf"))
                .isEqualTo("application/rtf");
    }

    @Test
    void mailSpreadsheetsAndOpenDocumentAreRecognised() throws Exception {
        byte[] mail = ("From: ann@smith.example\r\nTo: bob@acme.example\r\nSubject: Settlement\r\n"
                        + "Date: Thu, 26 Nov 2026 10:00:00 +0000\r\nMessage-ID: <1@smith.example>\r\n\r\nDraft attached.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(type(mail, "settlement.eml")).isEqualTo("message/rfc822");

        var xlsx = new java.io.ByteArrayOutputStream();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            workbook.createSheet("Fees").createRow(0).createCell(0).setCellValue(SampleFiles.MARKER);
            workbook.write(xlsx);
        }
        assertThat(type(xlsx.toByteArray(), "fees.xlsx"))
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        var odt = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(odt)) {
            byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            var entry = new java.util.zip.ZipEntry("mimetype");
            entry.setMethod(java.util.zip.ZipEntry.STORED);
            entry.setSize(mimetype.length);
            var crc = new java.util.zip.CRC32();
            crc.update(mimetype);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(mimetype);
            zip.closeEntry();
            zip.putNextEntry(new java.util.zip.ZipEntry("content.xml"));
            zip.write(("<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertThat(type(odt.toByteArray(), "memo.odt")).isEqualTo("application/vnd.oasis.opendocument.text");
        assertThatThrownBy(() -> type(odt.toByteArray(), "memo.docx"))
                .as("an OpenDocument file named .docx")
                .isInstanceOf(UploadRefusedException.class);
    }

    @Test
    void aPlainZipIsNoOfficeFileWhateverItsName() throws Exception {
        var plain = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(plain)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            zip.write("Not a document\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        for (String name : List.of("contract.docx", "sheet.xlsx", "deck.pptx", "memo.odt", "archive.zip")) {
            assertThatThrownBy(() -> type(plain.toByteArray(), name))
                    .as(name)
                    .isInstanceOf(UploadRefusedException.class);
        }
    }

    @Test
    void aDocxIsADocxByItsBytesEvenWithoutAnExtension() {
        var verdict = types.judge(SampleFiles.docx(), FileName.sanitise("contract"));
        assertThat(verdict.type().toString())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(verdict.name().value()).isEqualTo("contract.docx");
    }

    @Test
    void markupAndProgramsAreRefused() {
        assertThatThrownBy(() -> type(SampleFiles.html(), "page.html")).isInstanceOf(UploadRefusedException.class);
        assertThatThrownBy(() -> type(SampleFiles.html(), "page.txt")).isInstanceOf(UploadRefusedException.class);
        assertThatThrownBy(() -> type(SampleFiles.svg(), "logo.svg")).isInstanceOf(UploadRefusedException.class);
        assertThatThrownBy(() -> type(SampleFiles.svg(), "logo.png")).isInstanceOf(UploadRefusedException.class);
        assertThatThrownBy(() -> type(SampleFiles.executable(), "setup.exe"))
                .isInstanceOf(UploadRefusedException.class);
        assertThatThrownBy(() -> type(SampleFiles.text(), "run.js")).isInstanceOf(UploadRefusedException.class);
    }

    @Test
    void contentThatContradictsItsExtensionIsRefused() {
        assertThatThrownBy(() -> type(SampleFiles.executable(), "invoice.pdf"))
                .isInstanceOf(UploadRefusedException.class);
        assertThatThrownBy(() -> type(SampleFiles.png(), "invoice.pdf"))
                .isInstanceOf(UploadRefusedException.class)
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> type(SampleFiles.text(), "invoice.pdf")).isInstanceOf(UploadRefusedException.class);
        assertThatThrownBy(() -> type(new byte[] {1, 2, 3, 4, 5, (byte) 0xff, 0, 7}, "invoice.pdf"))
                .isInstanceOf(UploadRefusedException.class);
    }

    @Test
    void namesAreSanitised() {
        assertThat(FileName.sanitise("C:\\Users\\x\\..\\secret.pdf").value()).isEqualTo("secret.pdf");
        assertThat(FileName.sanitise("../../etc/passwd").value()).isEqualTo("passwd");
        assertThat(FileName.sanitise("inv\u202Efdp.exe").value()).isEqualTo("invfdp.exe");
        assertThat(FileName.sanitise("a<b>:\"c|?*\u0000\u0007.txt").value()).isEqualTo("abc.txt");
        assertThat(FileName.sanitise("CON.txt").value()).isEqualTo("_CON.txt");
        assertThat(FileName.sanitise("  ...  ").value()).isEqualTo("document");
        assertThat(FileName.sanitise(null).value()).isEqualTo("document");
        var longName = FileName.sanitise("x".repeat(500) + ".PDF");
        assertThat(longName.value()).hasSize(FileName.MAX_LENGTH).endsWith(".pdf");
    }

    @Test
    void anUnknownExtensionKeepsItsPlaceAndGainsTheRightOne() {
        assertThat(types.judge(SampleFiles.pdf(), FileName.sanitise("brief.final"))
                        .name()
                        .value())
                .isEqualTo("brief.final.pdf");
    }

    private String type(byte[] bytes, String name) {
        return types.judge(bytes, FileName.sanitise(name)).type().toString();
    }
}
