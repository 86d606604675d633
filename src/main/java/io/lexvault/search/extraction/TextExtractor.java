package io.lexvault.search.extraction;

import io.lexvault.search.extraction.Extraction.Failed;
import io.lexvault.search.extraction.Extraction.NoTextLayer;
import io.lexvault.search.extraction.Extraction.Part;
import jakarta.annotation.PreDestroy;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Extracts the text of a document version, with its structure, using Apache Tika: PDF (with pages),
 * Word, Excel, PowerPoint, OpenDocument, RTF, plain text, CSV, Markdown, HTML, and e-mails (EML, MSG)
 * whose attachments become parts of their own. Scans and images are OCR'd when Tesseract is installed.
 *
 * <p>Never throws for a bad file. Each document is parsed on a thread of its own under
 * {@link ExtractionLimits}: a time limit (checked at every parse event, and enforced from outside by
 * interrupting the thread), a character limit, limits on embedded files and their nesting, plus Tika's
 * own defences (zip-bomb ratio and XML depth in {@code SecureContentHandler}, secure XML parsers that
 * refuse entity bombs, POI's zip-bomb checks). A file that crosses one ends as {@link Failed} with a
 * reason; nothing else is affected.
 */
@Component
public class TextExtractor {

    private static final Logger log = LoggerFactory.getLogger(TextExtractor.class);

    /** How long past its own time limit a parse that ignores interruption is waited for. */
    private static final long GRACE_MILLIS = 2_000;

    private final AutoDetectParser parser = new AutoDetectParser();
    private final ExtractionLimits limits;
    private final Ocr ocr;
    private final Languages languages;
    private final ExecutorService threads;

    @Autowired
    public TextExtractor(Languages languages) {
        this(ExtractionLimits.DEFAULTS, Ocr.detect(), languages);
    }

    TextExtractor(ExtractionLimits limits, Ocr ocr, Languages languages) {
        this.limits = limits;
        this.ocr = ocr;
        this.languages = languages;
        // Platform daemon threads: a parse stuck in a loop that ignores interruption must not keep the
        // JVM alive, and must not pin a virtual thread's carrier.
        this.threads = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().name("text-extraction-", 0).daemon(true).factory());
        log.info(
                "Text extraction: OCR {}",
                ocr.available() ? "with Tesseract (" + ocr.languages() + ")" : "not available");
    }

    /** Whether scans and images are OCR'd (Tesseract was found at start). */
    public boolean ocrAvailable() {
        return ocr.available();
    }

    /**
     * The text of one document version, read from {@code content} (which the caller closes).
     *
     * @param fileName the file's name, a hint for the type and the name of nothing else
     * @param contentType the type the upload was stored with (detected from its bytes), or null
     */
    public Extraction extract(InputStream content, String fileName, @Nullable String contentType) {
        Future<Extraction> extraction;
        try {
            extraction = threads.submit(() -> parse(content, fileName, contentType));
        } catch (RejectedExecutionException e) {
            return failed("the server is shutting down");
        }
        try {
            return extraction.get(limits.timeLimit().toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            extraction.cancel(true);
            return failed("took longer than " + limits.timeLimit().toSeconds() + " seconds");
        } catch (InterruptedException e) {
            extraction.cancel(true);
            Thread.currentThread().interrupt();
            return failed("it was interrupted");
        } catch (ExecutionException e) {
            return failed(Failures.reason(e.getCause()));
        }
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }

    private Extraction parse(InputStream content, String fileName, @Nullable String contentType) {
        ExtractionBudget budget = new ExtractionBudget(limits);
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        if (contentType != null && !contentType.isBlank()) {
            metadata.set(Metadata.CONTENT_TYPE, contentType);
        }
        ParseContext context = new ParseContext();
        // the parser Tika's PDF parser looks up to OCR a page with (null without it, with our extractor)
        context.set(Parser.class, parser);
        context.set(PDFParserConfig.class, pdfConfig());
        context.set(TesseractOCRConfig.class, ocrConfig(budget));
        ParseContext imageContext = new ParseContext();
        imageContext.set(Parser.class, parser);
        imageContext.set(PDFParserConfig.class, context.get(PDFParserConfig.class));
        imageContext.set(TesseractOCRConfig.class, context.get(TesseractOCRConfig.class));
        PartCollector parts = new PartCollector(parser, budget, context, imageContext);
        context.set(EmbeddedDocumentExtractor.class, parts);
        MediaType type;
        try (TikaInputStream stream = TikaInputStream.get(content)) {
            type = parser.getDetector().detect(stream, metadata);
            metadata.set(Metadata.CONTENT_TYPE, type.toString());
            parser.parse(
                    stream,
                    parts.body(type, fileName, metadata),
                    metadata,
                    PartCollector.isImage(type) ? imageContext : context);
        } catch (ZeroByteFileException e) {
            // an empty file is an empty text, whatever its type
            return new Extraction.Extracted(List.of(new Part("body", List.of())), null);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            String exceeded = budget.exceeded();
            if (exceeded == null) {
                log.info(
                        "A document of type {} could not be extracted ({})",
                        contentType,
                        e.getClass().getSimpleName());
            }
            return failed(exceeded != null ? exceeded : Failures.reason(e));
        }
        if (budget.exceeded() != null) {
            return failed(budget.exceeded());
        }
        List<Part> extracted = parts.parts();
        if (extracted.stream().allMatch(part -> part.blocks().isEmpty())) {
            if (isScannable(type)) {
                return new NoTextLayer(
                        ocr.available() ? "no text found (OCR found none)" : "no text layer (OCR not available)");
            }
            String parsedBy = String.join(",", metadata.getValues(TikaCoreProperties.TIKA_PARSED_BY));
            if (parsedBy.isEmpty() || parsedBy.endsWith("EmptyParser")) {
                return failed("its file type is not supported");
            }
        }
        return new Extraction.Extracted(extracted, languages.ofDocument(sample(extracted)));
    }

    /** The beginning of the text, body first, for the document's language. */
    private static String sample(List<Part> parts) {
        StringBuilder sample = new StringBuilder();
        for (Part part : parts) {
            for (Extraction.Block block : part.blocks()) {
                if (sample.length() >= 20_000) {
                    return sample.toString();
                }
                sample.append(block.text()).append('\n');
            }
        }
        return sample.toString();
    }

    private PDFParserConfig pdfConfig() {
        PDFParserConfig config = new PDFParserConfig();
        // OCR a page only where it has (almost) no text of its own: scans, and scanned pages in otherwise
        // digital PDFs. Inline images are not extracted as attachments (logos, signatures).
        config.setOcrStrategy(
                ocr.available() ? PDFParserConfig.OCR_STRATEGY.AUTO : PDFParserConfig.OCR_STRATEGY.NO_OCR);
        config.setExtractInlineImages(false);
        config.setExtractAnnotationText(true);
        return config;
    }

    private TesseractOCRConfig ocrConfig(ExtractionBudget budget) {
        TesseractOCRConfig config = new TesseractOCRConfig();
        config.setSkipOcr(!ocr.available());
        config.setLanguage(ocr.languages());
        config.setTimeoutSeconds((int) Math.min(Integer.MAX_VALUE, budget.remainingSeconds()));
        return config;
    }

    private static boolean isScannable(MediaType type) {
        return type.getType().equals("image") || type.getBaseType().equals(MediaType.application("pdf"));
    }

    private static Failed failed(String reason) {
        return new Failed(Failures.PREFIX + reason);
    }
}
