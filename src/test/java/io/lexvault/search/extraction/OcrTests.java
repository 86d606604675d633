package io.lexvault.search.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lexvault.search.extraction.Extraction.Block;
import io.lexvault.search.extraction.Extraction.Extracted;
import io.lexvault.search.extraction.Extraction.NoTextLayer;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.junit.jupiter.api.Test;

/** Scans and images: OCR'd when Tesseract is installed, "no text layer" when it is not. */
class OcrTests {

    private static final String LINE = "TERMINATION NOTICE";

    /** Black text on white, drawn at a size Tesseract reads reliably. */
    static byte[] png(String text) {
        BufferedImage image = new BufferedImage(1400, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        graphics.setColor(Color.BLACK);
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 72));
        graphics.drawString(text, 40, 130);
        graphics.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A "scanned" PDF: one page holding only an image of text, no text layer. */
    static byte[] scannedPdf(String text) {
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            var image = LosslessFactory.createFromImage(document, ImageIO.read(new ByteArrayInputStream(png(text))));
            try (PDPageContentStream stream = new PDPageContentStream(document, page)) {
                stream.drawImage(image, 36, 600, 540, 77);
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Extraction extraction) {
        assertThat(extraction).isInstanceOf(Extracted.class);
        return ((Extracted) extraction)
                .parts().stream()
                        .flatMap(part -> part.blocks().stream())
                        .map(Block::text)
                        .collect(Collectors.joining(" "));
    }

    @Test
    void withoutTesseractAScanHasNoTextLayer() {
        TextExtractor extractor = new TextExtractor(ExtractionLimits.DEFAULTS, Ocr.NONE, TextExtractorTests.LANGUAGES);
        try {
            assertThat(extractor.extract(new ByteArrayInputStream(scannedPdf(LINE)), "scan.pdf", "application/pdf"))
                    .isEqualTo(new NoTextLayer("no text layer (OCR not available)"));
            assertThat(extractor.extract(new ByteArrayInputStream(png(LINE)), "scan.png", "image/png"))
                    .isEqualTo(new NoTextLayer("no text layer (OCR not available)"));
        } finally {
            extractor.stop();
        }
    }

    @Test
    void withTesseractAnImageAndAScannedPdfAreRead() {
        Ocr ocr = Ocr.detect();
        assumeTrue(ocr.available(), "tesseract is not installed (.ci/run installs it)");
        TextExtractor extractor = new TextExtractor(ExtractionLimits.DEFAULTS, ocr, TextExtractorTests.LANGUAGES);
        try {
            assertThat(text(extractor.extract(new ByteArrayInputStream(png(LINE)), "scan.png", "image/png")))
                    .contains(LINE);
            Extraction scan =
                    extractor.extract(new ByteArrayInputStream(scannedPdf(LINE)), "scan.pdf", "application/pdf");
            assertThat(text(scan)).contains(LINE);
            assertThat(((Extracted) scan).parts().getFirst().blocks())
                    .filteredOn(block -> block.text().contains(LINE))
                    .extracting(Block::page)
                    .containsOnly(1);
        } finally {
            extractor.stop();
        }
    }
}
