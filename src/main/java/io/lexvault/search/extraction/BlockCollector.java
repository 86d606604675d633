package io.lexvault.search.extraction;

import io.lexvault.search.extraction.Extraction.Block;
import io.lexvault.search.extraction.Extraction.BlockKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns the XHTML that every Tika parser writes into {@link Block}s: {@code h1..h6} headings,
 * {@code p} paragraphs, {@code li} list items (level = list depth), {@code tr} table rows (cells joined
 * by " | "), and, for PDF, the page of each block from Tika's {@code <div class="page">}.
 *
 * <p>Text outside those elements becomes paragraphs; a block holding blank lines (plain text arrives
 * as one {@code p}) is split there. Whitespace inside a block is collapsed to single spaces (PDF and
 * plain-text line wraps are not structure), control and invisible format characters and U+FFFD are
 * dropped (NUL
 * cannot be stored; soft hyphens and zero-width characters break words), and text is NFC-normalised.
 * Page headers and footers, the document head, scripts and styles are left out.
 */
final class BlockCollector extends DefaultHandler {

    private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t\\x0B\\f\\r\\u00A0]*\\n");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
    private static final Pattern MARKDOWN_HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern MARKDOWN_ITEM = Pattern.compile("^(\\s*)(?:[-*+]|\\d{1,3}[.)])\\s+(.*)$");

    private static final Pattern BULLET = Pattern.compile("^[•◦▪▫‣⁃·●○■□–]\\s+(\\S.*)$");

    private final ExtractionBudget budget;
    private final boolean pages;
    private final boolean markdown;
    private final boolean delimited;
    private final List<Block> blocks = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final Deque<Boolean> skipping = new ArrayDeque<>();
    private BlockKind kind = BlockKind.PARAGRAPH;
    private int level;
    private int page;
    private int listDepth;
    private int skipDepth;
    private int rowDepth;
    private int itemDepth;
    private boolean rowHasCell;

    /**
     * @param pages whether {@code <div class="page">} marks pages (PDF; for spreadsheets and slides
     *     Tika uses the same element for sheets and slides, which are not pages)
     * @param markdown whether the text is Markdown, whose {@code #} headings and list items Tika's
     *     plain-text parser leaves as text
     * @param delimited whether the text is CSV or TSV, whose records become table rows (Tika's text
     *     parser hands them over as plain text)
     */
    BlockCollector(ExtractionBudget budget, boolean pages, boolean markdown, boolean delimited) {
        this.budget = budget;
        this.pages = pages;
        this.markdown = markdown;
        this.delimited = delimited;
    }

    /** Blocks that go before what the parser writes (an e-mail's subject and addresses). */
    void prepend(List<Block> header) {
        blocks.addAll(0, header);
    }

    List<Block> blocks() {
        flush();
        return List.copyOf(blocks);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        budget.tick();
        String name = name(localName, qName);
        boolean skip = skipped(name, attributes.getValue("class"));
        skipping.push(skip);
        if (skip) {
            skipDepth++;
            return;
        }
        if (skipDepth > 0) {
            return;
        }
        switch (name) {
            case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                if (!insideBlock()) {
                    start(BlockKind.HEADING, name.charAt(1) - '0');
                }
            }
            case "p", "blockquote", "pre", "dt" -> {
                if (!insideBlock()) {
                    start(BlockKind.PARAGRAPH, 0);
                } else {
                    text.append(' ');
                }
            }
            // a definition stays with its term ("From: Anna Advokat" in an Outlook message's header)
            case "dd" -> text.append(' ');
            case "ul", "ol" -> listDepth++;
            case "li" -> {
                if (rowDepth == 0) {
                    start(BlockKind.LIST_ITEM, Math.max(1, listDepth));
                    itemDepth++;
                }
            }
            case "tr" -> {
                start(BlockKind.TABLE_ROW, 0);
                rowDepth++;
                rowHasCell = false;
            }
            case "td", "th" -> {
                if (rowDepth > 0) {
                    if (rowHasCell) {
                        text.append(" | ");
                    }
                    rowHasCell = true;
                }
            }
            case "div" -> {
                if ("page".equals(attributes.getValue("class")) && pages) {
                    flush();
                    page++;
                } else if (!insideBlock()) {
                    flush();
                }
            }
            case "br" -> text.append('\n');
            default -> {
                // inline elements (a, b, i, span, ...) carry no structure
            }
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        budget.tick();
        String name = name(localName, qName);
        boolean skip = !skipping.isEmpty() && skipping.pop();
        if (skip) {
            skipDepth--;
            return;
        }
        if (skipDepth > 0) {
            return;
        }
        switch (name) {
            case "dt" -> text.append(':');
            case "h1", "h2", "h3", "h4", "h5", "h6", "p", "blockquote", "pre", "dd" -> {
                if (!insideBlock()) {
                    flush();
                } else {
                    text.append(' ');
                }
            }
            case "ul", "ol" -> listDepth = Math.max(0, listDepth - 1);
            case "li" -> {
                if (rowDepth == 0 && itemDepth > 0) {
                    itemDepth--;
                    flush();
                }
            }
            case "tr" -> {
                rowDepth = Math.max(0, rowDepth - 1);
                flush();
            }
            case "div", "body", "table" -> {
                if (!insideBlock()) {
                    flush();
                }
            }
            default -> {}
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        budget.characters(length);
        if (skipDepth > 0) {
            return;
        }
        for (int i = start; i < start + length; i++) {
            char c = ch[i];
            int type = Character.getType(c);
            if (c == '\n' || c == '\t' || c == '\r') {
                text.append(c == '\r' ? '\n' : c);
            } else if (type == Character.CONTROL
                    || c == '\uFFFD'
                    || type == Character.FORMAT
                    || type == Character.PRIVATE_USE
                    || type == Character.UNASSIGNED) {
                // dropped: unstorable (NUL), invisible (soft hyphen, zero-width, bidi controls), not text,
                // or the decoder's mark for bytes that were not text (U+FFFD)
            } else if (type == Character.SURROGATE) {
                if (Character.isHighSurrogate(c) && i + 1 < start + length && Character.isLowSurrogate(ch[i + 1])) {
                    text.append(c).append(ch[++i]);
                }
            } else if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                text.append('\n');
            } else {
                text.append(c);
            }
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        characters(ch, start, length);
    }

    private boolean insideBlock() {
        return rowDepth > 0 || itemDepth > 0;
    }

    private void start(BlockKind next, int nextLevel) {
        flush();
        kind = next;
        level = nextLevel;
    }

    /** Ends the current block: splits it at blank lines and adds the non-empty pieces. */
    private void flush() {
        if (!text.isEmpty()) {
            String raw = text.toString();
            text.setLength(0);
            if (delimited && kind == BlockKind.PARAGRAPH) {
                delimitedRows(raw);
            } else if (markdown && kind == BlockKind.PARAGRAPH) {
                markdownBlocks(raw);
            } else {
                for (String piece : BLANK_LINE.split(raw)) {
                    add(kind, level, piece);
                }
            }
        }
        kind = BlockKind.PARAGRAPH;
        level = 0;
    }

    private void delimitedRows(String raw) {
        char delimiter = raw.chars().limit(4096).filter(c -> c == '\t').count()
                        > raw.chars().limit(4096).filter(c -> c == ',').count()
                ? '\t'
                : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get();
        try (CSVParser records = CSVParser.parse(raw, format)) {
            for (CSVRecord record : records) {
                add(BlockKind.TABLE_ROW, 0, String.join(" | ", record.toList()));
            }
        } catch (IOException | UncheckedIOException e) {
            // not well-formed CSV after all (an unbalanced quote): keep its lines as text
            for (String line : raw.split("\n")) {
                add(BlockKind.TABLE_ROW, 0, line);
            }
        }
    }

    private void markdownBlocks(String raw) {
        StringBuilder paragraph = new StringBuilder();
        for (String line : raw.split("\n", -1)) {
            Matcher heading = MARKDOWN_HEADING.matcher(line);
            Matcher item = MARKDOWN_ITEM.matcher(line);
            if (heading.matches() || item.matches() || line.isBlank()) {
                add(BlockKind.PARAGRAPH, 0, paragraph.toString());
                paragraph.setLength(0);
            }
            if (heading.matches()) {
                add(BlockKind.HEADING, heading.group(1).length(), heading.group(2));
            } else if (item.matches()) {
                add(BlockKind.LIST_ITEM, 1 + item.group(1).replace("\t", "    ").length() / 2, item.group(2));
            } else if (!line.isBlank()) {
                paragraph.append(line).append('\n');
            }
        }
        add(BlockKind.PARAGRAPH, 0, paragraph.toString());
    }

    private void add(BlockKind blockKind, int blockLevel, String raw) {
        String clean = WHITESPACE.matcher(raw).replaceAll(" ").strip();
        Matcher bullet = BULLET.matcher(clean);
        if (blockKind == BlockKind.PARAGRAPH && bullet.matches()) {
            // Word's bulleted lists arrive as paragraphs that start with the bullet glyph
            blockKind = BlockKind.LIST_ITEM;
            blockLevel = 1;
            clean = bullet.group(1);
        }
        if (!clean.isEmpty()) {
            blocks.add(new Block(
                    blockKind,
                    blockLevel,
                    Normalizer.normalize(clean, Normalizer.Form.NFC),
                    pages && page > 0 ? page : null));
        }
    }

    private static boolean skipped(String name, @Nullable String cssClass) {
        return switch (name) {
            case "head", "script", "style", "title", "meta" -> true;
            // Tika's page headers and footers (Word, PDF annotations of the same kind): repeated
            // boilerplate that would only dilute every chunk's ranking
            case "div" -> cssClass != null && (cssClass.equals("header") || cssClass.equals("footer"));
            default -> false;
        };
    }

    private static String name(String localName, String qName) {
        return (localName.isEmpty() ? qName : localName).toLowerCase(Locale.ROOT);
    }
}
