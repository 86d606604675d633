package io.lexvault.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
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
