package io.lexvault.search.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.search.extraction.Extraction.Extracted;
import io.lexvault.search.extraction.Extraction.Failed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Each kind of hostile or broken file ends as Failed with its reason, and the extractor goes on working. */
class HostileFilesTests {

    private static final TextExtractor EXTRACTOR = new TextExtractor(
            new ExtractionLimits(Duration.ofSeconds(3), 200_000, 10, 3), Ocr.NONE, TextExtractorTests.LANGUAGES);

    @AfterAll
    static void stop() {
        EXTRACTOR.stop();
    }

    private static Extraction extract(byte[] content, String name, String type) {
        return EXTRACTOR.extract(new ByteArrayInputStream(content), name, type);
    }

    /** After any hostile file, an ordinary one is still extracted. */
    private static void assertStillWorking() {
        assertThat(extract("Still working.".getBytes(StandardCharsets.UTF_8), "ok.txt", "text/plain"))
                .isInstanceOfSatisfying(
                        Extracted.class,
                        extracted -> assertThat(extracted
                                        .parts()
                                        .getFirst()
                                        .blocks()
                                        .getFirst()
                                        .text())
                                .isEqualTo("Still working."));
    }

    @Test
    void aZipBombWordDocumentFails() {
        // a real docx whose document.xml inflates from about 50 KB to 50 MB of one repeated run
        byte[] bomb = replaceEntry(Fixtures.docx(), "word/document.xml", out -> {
            out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas"
                            + ".openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] a = new byte[1 << 20];
            Arrays.fill(a, (byte) 'a');
            for (int i = 0; i < 50; i++) {
                out.write(a);
            }
            out.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(bomb.length).isLessThan(500_000);
        // a generous time limit, so that it is the zip-bomb defence (POI's inflation ratio), not the clock,
        // that stops it on a slow machine
        TextExtractor patient = new TextExtractor(
                new ExtractionLimits(Duration.ofSeconds(60), 200_000, 10, 3), Ocr.NONE, TextExtractorTests.LANGUAGES);
        try {
            assertThat(patient.extract(new ByteArrayInputStream(bomb), "bomb.docx", null))
                    .isEqualTo(
                            new Failed("could not extract: it looks like a zip bomb (it expands far beyond its size)"));
        } finally {
            patient.stop();
        }
        assertStillWorking();
    }

    @Test
    void archivesNestedTooDeeplyFail() {
        byte[] nested = "The innermost secret.".getBytes(StandardCharsets.UTF_8);
        String name = "secret.txt";
        for (int depth = 0; depth < 6; depth++) {
            nested = Fixtures.zip(new String[][] {}, List.<Object[]>of(new Object[] {name, nested}));
            name = "level" + depth + ".zip";
        }
        assertThat(extract(nested, "bundle.zip", "application/zip"))
                .isEqualTo(new Failed("could not extract: attachments nested more than 3 levels deep"));
        assertStillWorking();
    }

    @Test
    void emailsForwardedAsAttachmentsTooDeeplyFail() {
        byte[] mail = Fixtures.eml("Innermost", "The innermost message.", List.of());
        for (int depth = 0; depth < 6; depth++) {
            mail = Fixtures.eml("Forward " + depth, "See attached.", List.<Object[]>of(new Object[] {
                "fwd" + depth + ".eml", "message/rfc822", mail
            }));
        }
        assertThat(extract(mail, "thread.eml", "message/rfc822"))
                .isEqualTo(new Failed("could not extract: attachments nested more than 3 levels deep"));
        assertStillWorking();
    }

    @Test
    void nestingWithinTheLimitIsExtractedWithPathNames() {
        byte[] inner = Fixtures.zip(new String[][] {{"note.txt", "Inner note about the lease."}}, List.of());
        byte[] outer = Fixtures.zip(new String[][] {}, List.<Object[]>of(new Object[] {"inner.zip", inner}));
        Extraction extraction = extract(outer, "outer.zip", "application/zip");
        assertThat(extraction)
                .isInstanceOfSatisfying(
                        Extracted.class,
                        extracted -> assertThat(extracted.parts())
                                .extracting(Extraction.Part::name)
                                // the inner archive has no text of its own: only its entry is a part
                                .containsExactly("body", "inner.zip / note.txt"));
    }

    @Test
    void tooManyEmbeddedFilesFail() {
        String[][] entries = new String[12][];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = new String[] {"note" + i + ".txt", "Note number " + i};
        }
        assertThat(extract(Fixtures.zip(entries, List.of()), "notes.zip", "application/zip"))
                .isEqualTo(new Failed("could not extract: more than 10 attachments or embedded files"));
        assertStillWorking();
    }

    private static final String BILLION_LAUGHS = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
            + " <!ENTITY lol \"lol\">\n"
            + " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
            + " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
            + " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
            + " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
            + " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
            + " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
            + " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
            + " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
            + "]>\n";

    @Test
    void billionLaughsXmlFails() {
        byte[] xml = (BILLION_LAUGHS + "<lolz>&lol9;</lolz>").getBytes(StandardCharsets.UTF_8);
        assertThat(extract(xml, "lolz.xml", "application/xml")).isInstanceOf(Failed.class);
        assertStillWorking();
    }

    @Test
    void billionLaughsSvgFails() {
        byte[] svg = (BILLION_LAUGHS.replace("lolz [", "svg [")
                        + "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&lol9;</text></svg>")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(extract(svg, "lolz.svg", "image/svg+xml")).isInstanceOf(Failed.class);
        assertStillWorking();
    }

    @Test
    void billionLaughsInHtmlIsNotExpanded() {
        byte[] html = (BILLION_LAUGHS.replace("lolz [", "html [")
                        + "<html><body><p>Before &lol9; after</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        Extraction extraction = extract(html, "lolz.html", "text/html");
        // HTML parsers know only HTML's own entities: the declaration is ignored, never expanded
        if (extraction instanceof Extracted extracted) {
            int characters = extracted.parts().stream()
                    .flatMap(part -> part.blocks().stream())
                    .mapToInt(block -> block.text().length())
                    .sum();
            assertThat(characters).isLessThan(2_000);
        } else {
            assertThat(extraction).isInstanceOf(Failed.class);
        }
        assertStillWorking();
    }

    @Test
    void aCorruptPdfFails() {
        byte[] pdf = Fixtures.pdf(List.of(List.of("A contract page.")));
        byte[] corrupt = Arrays.copyOf(pdf, 40);
        assertThat(extract(corrupt, "broken.pdf", "application/pdf"))
                .isEqualTo(new Failed("could not extract: the file is damaged or not a valid file of its type"));
        byte[] garbage = new byte[2048];
        new java.util.Random(3).nextBytes(garbage);
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, garbage, 0, 9);
        assertThat(extract(garbage, "garbage.pdf", "application/pdf")).isInstanceOf(Failed.class);
        assertStillWorking();
    }

    @Test
    void textBeyondTheCharacterLimitFails() {
        byte[] huge = "The tenant shall pay the rent. ".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        assertThat(extract(huge, "huge.txt", "text/plain"))
                .isEqualTo(new Failed("could not extract: more than 200,000 characters of text"));
        assertStillWorking();
    }

    @Test
    void aDocumentThatNeverEndsIsStoppedAtTheTimeLimit() {
        // a stream that keeps delivering a little text, slowly, for ever: the parse only ends when stopped
        InputStream endless = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("stopped");
                }
                byte[] text = "slow text ".getBytes(StandardCharsets.US_ASCII);
                int n = Math.min(length, text.length);
                System.arraycopy(text, 0, buffer, offset, n);
                return n;
            }
        };
        long start = System.nanoTime();
        assertThat(EXTRACTOR.extract(endless, "endless.txt", "text/plain"))
                .isEqualTo(new Failed("could not extract: took longer than 3 seconds"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertStillWorking();
    }

    @Test
    void aDamagedAttachmentCostsOnlyItself() {
        byte[] brokenDocx = Arrays.copyOf(Fixtures.docx(), 300);
        byte[] eml = Fixtures.eml(
                "Two attachments",
                "One of them is broken.",
                List.of(
                        new Object[] {
                            "broken.docx",
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            brokenDocx
                        },
                        new Object[] {"fine.txt", "text/plain", "This one is fine.".getBytes(StandardCharsets.UTF_8)}));
        assertThat(extract(eml, "mixed.eml", "message/rfc822"))
                .isInstanceOfSatisfying(
                        Extracted.class,
                        extracted -> assertThat(extracted.parts())
                                .extracting(Extraction.Part::name)
                                .containsExactly("body", "fine.txt"));
    }

    interface EntryWriter {
        void write(ZipOutputStream out) throws IOException;
    }

    /** The zip with one entry's content replaced (written by {@code writer}), every other entry kept. */
    private static byte[] replaceEntry(byte[] zip, String name, EntryWriter writer) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.setLevel(9);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(name)) {
                    writer.write(out);
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            out.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
