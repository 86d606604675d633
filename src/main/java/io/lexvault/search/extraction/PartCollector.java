package io.lexvault.search.extraction;

import io.lexvault.search.extraction.Extraction.Block;
import io.lexvault.search.extraction.Extraction.BlockKind;
import io.lexvault.search.extraction.Extraction.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.io.input.CloseShieldInputStream;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Message;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Collects a document's parts: the body, then every attachment or embedded document as a part of its
 * own, named by its file name ("Schedule 1.docx"; nested ones by their path, "bundle.zip / a.pdf"), in
 * the order they start. Tika hands every embedded document to this class (it is the parse's
 * {@link EmbeddedDocumentExtractor}), which is where nesting and count limits are enforced.
 *
 * <p>What is not a part: an e-mail's own text bodies (plain and HTML alternatives without a file name)
 * stay in the e-mail's part; images embedded in office documents and PDFs (logos, signatures) and
 * inline images in e-mails are skipped. Images attached to an e-mail, or packed in an archive, are
 * parts (OCR'd when Tesseract is installed).
 *
 * <p>An attachment that is merely damaged is left out and the rest extracted; a limit crossed or a bomb
 * found in any attachment fails the whole document (through the budget, which parsers cannot swallow).
 */
final class PartCollector implements EmbeddedDocumentExtractor {

    private static final Logger log = LoggerFactory.getLogger(PartCollector.class);
    private static final String BODY = "body";

    private final AutoDetectParser parser;
    private final ExtractionBudget budget;
    private final ParseContext context;
    private final ParseContext imageContext;
    private final List<Pending> parts = new ArrayList<>();
    private final Deque<Pending> open = new ArrayDeque<>();
    private final Set<String> names = new HashSet<>();
    private int unnamed;

    /**
     * @param context the parse's context, to which this collector is added as its embedded-document
     *     extractor
     * @param imageContext the context for images: the same settings without this collector, because
     *     Tika does not OCR an image whose context names an embedded-document extractor
     */
    PartCollector(AutoDetectParser parser, ExtractionBudget budget, ParseContext context, ParseContext imageContext) {
        this.parser = parser;
        this.budget = budget;
        this.context = context;
        this.imageContext = imageContext;
    }

    /** The handler for the document itself: the "body" part. */
    BlockCollector body(MediaType type, String fileName, Metadata metadata) {
        Pending body = new Pending(BODY, type, collector(type, fileName), metadata);
        names.add(BODY);
        parts.add(body);
        open.push(body);
        return body.blocks;
    }

    /** The parts that have text, in document order; the body is always first (possibly empty). */
    List<Part> parts() {
        List<Part> result = new ArrayList<>();
        for (Pending pending : parts) {
            pending.blocks.prepend(mailHeader(pending.type, pending.metadata));
            var blocks = pending.blocks.blocks();
            if (pending.name.equals(BODY) || !blocks.isEmpty()) {
                result.add(new Part(pending.name, blocks));
            }
        }
        return result;
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
        return budget.exceeded() == null;
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
        budget.tick();
        Pending container = open.peek();
        try (TemporaryResources temporary = new TemporaryResources()) {
            TikaInputStream content = TikaInputStream.get(CloseShieldInputStream.wrap(stream), temporary, metadata);
            if (stream instanceof TikaInputStream outer && outer.getOpenContainer() != null) {
                content.setOpenContainer(outer.getOpenContainer());
            }
            MediaType type = parser.getDetector().detect(content, metadata);
            boolean inContainerMail = container != null && isMail(container.type);
            String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
            boolean inline = "INLINE".equalsIgnoreCase(metadata.get(TikaCoreProperties.EMBEDDED_RESOURCE_TYPE_KEY));
            if (inContainerMail && (name == null || name.isBlank()) && isText(type)) {
                // the e-mail's own body (plain or HTML alternative): part of the e-mail, not an attachment
                parser.parse(content, handler, metadata, context);
                return;
            }
            if (isImage(type) && (!inContainerMail || inline)) {
                return;
            }
            budget.embedded(open.size());
            Pending part = new Pending(partName(container, name), type, collector(type, name), metadata);
            parts.add(part);
            open.push(part);
            try {
                parser.parse(content, part.blocks, metadata, isImage(type) ? imageContext : context);
            } catch (ExtractionBudget.LimitExceeded e) {
                throw e;
            } catch (TikaException | IOException | SAXException | RuntimeException e) {
                String bomb = Failures.bomb(e);
                if (bomb != null) {
                    throw budget.exceed(bomb);
                }
                // A damaged attachment costs only itself: what it gave so far is dropped, the rest stays.
                log.info(
                        "An attachment of type {} could not be extracted ({})",
                        type,
                        e.getClass().getSimpleName());
                parts.remove(part);
            } finally {
                open.pop();
            }
        } catch (TikaException e) {
            throw new IOException(e);
        }
    }

    private BlockCollector collector(MediaType type, @Nullable String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        boolean markdown = type.getSubtype().contains("markdown") || name.matches(".*\\.(md|markdown)");
        boolean delimited = type.getBaseType().equals(MediaType.text("csv"))
                || type.getBaseType().equals(MediaType.text("tab-separated-values"));
        return new BlockCollector(budget, type.getBaseType().equals(MediaType.application("pdf")), markdown, delimited);
    }

    private String partName(@Nullable Pending container, @Nullable String fileName) {
        String own = fileName == null || fileName.isBlank() ? "attachment " + (++unnamed) : fileName.strip();
        String name = container == null || container.name.equals(BODY) ? own : container.name + " / " + own;
        String unique = name;
        for (int n = 2; !names.add(unique); n++) {
            unique = name + " (" + n + ")";
        }
        return unique;
    }

    static boolean isImage(MediaType type) {
        return type.getType().equals("image");
    }

    private static boolean isMail(MediaType type) {
        String base = type.getBaseType().toString();
        return base.equals("message/rfc822") || base.equals("application/vnd.ms-outlook");
    }

    private static boolean isText(MediaType type) {
        return type.getType().equals("text") || type.getBaseType().toString().equals("application/xhtml+xml");
    }

    /**
     * An RFC 822 e-mail's subject (a heading) and addresses, which Tika keeps in metadata only, so that
     * they are searched like an Outlook message's, whose parser writes them into the text.
     */
    private static List<Block> mailHeader(MediaType type, Metadata metadata) {
        List<Block> header = new ArrayList<>();
        if (!type.getBaseType().toString().equals("message/rfc822")) {
            return header;
        }
        String subject = metadata.get(TikaCoreProperties.TITLE);
        if (subject != null && !subject.isBlank()) {
            header.add(new Block(BlockKind.HEADING, 1, subject.strip(), null));
        }
        addresses(header, "From", metadata.getValues(Message.MESSAGE_FROM));
        addresses(header, "To", metadata.getValues(Message.MESSAGE_TO));
        addresses(header, "Cc", metadata.getValues(Message.MESSAGE_CC));
        return header;
    }

    private static void addresses(List<Block> header, String label, String[] values) {
        String joined = String.join(", ", values).strip();
        if (!joined.isEmpty()) {
            header.add(new Block(BlockKind.PARAGRAPH, 0, label + ": " + joined, null));
        }
    }

    private record Pending(String name, MediaType type, BlockCollector blocks, Metadata metadata) {}
}
