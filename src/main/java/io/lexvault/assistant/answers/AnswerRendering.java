package io.lexvault.assistant.answers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.jspecify.annotations.Nullable;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * A model's Markdown made safe to show: parsed by commonmark-java with raw HTML escaped (never passed
 * through), images replaced by a note, links kept only for {@code https:} and shown with their target
 * (a link's words must not hide where it goes), every {@code [n]} turned into a link to the cited
 * passage, every sentence the {@link CitationCheck} could not verify marked as such, and the HTML then
 * sanitised by an allow-list (OWASP Java HTML Sanitizer) as a second wall: whatever the renderer let
 * through by mistake, no script, style, image, form or non-https link reaches the reader's browser.
 */
public final class AnswerRendering {

    /** Where a citation may link: an https page (shown with its target) or our passage view. */
    private static final Pattern HREF =
            Pattern.compile("^(?:https://[^\\s\"'<>]+|/matters/[0-9a-f-]{36}/assistant/passages/[0-9a-f-]{36}"
                    + "(?:#:~:text=[A-Za-z0-9%._]+(?:,[A-Za-z0-9%._]+)?)?)$");

    private static final Pattern CLASSES = Pattern.compile("^(?:citation|citation-link|citation-unknown|unverified)$");

    static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements(
                    "p",
                    "br",
                    "em",
                    "strong",
                    "code",
                    "pre",
                    "blockquote",
                    "ul",
                    "ol",
                    "li",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "hr",
                    "a",
                    "span")
            .allowUrlProtocols("https")
            .allowAttributes("href")
            .matching(HREF)
            .onElements("a")
            .allowAttributes("class")
            .matching(CLASSES)
            .onElements("a", "span")
            .allowAttributes("start")
            .matching(Pattern.compile("^\\d{1,4}$"))
            .onElements("ol")
            .requireRelsOnLinks("noopener", "noreferrer")
            .toFactory();

    private static final Parser PARSER = Parser.builder().build();

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .nodeRendererFactory(context -> new MarkRenderer(context.getWriter()))
            .build();

    /** The answer as HTML to show, and the check of its citations. */
    public record Rendered(String html, CitationCheck.Verification verification, String text) {}

    private AnswerRendering() {}

    /**
     * @param markdown the answer as the user reads it (placeholders restored)
     * @param passages passage number → its text as given, for the check
     * @param passageLink passage number → the link of the passage view (null for a number not given)
     */
    public static Rendered render(
            String markdown, Map<Integer, String> passages, IntFunction<@Nullable String> passageLink) {
        Node document = PARSER.parse(markdown);
        neutraliseLinksAndImages(document);
        var text = new StringBuilder();
        var spans = new ArrayList<Span>();
        collect(document, text, spans);
        String plain = text.toString();
        var verification = CitationCheck.verify(plain, passages);
        mark(spans, verification, passages, passageLink);
        String html = POLICY.sanitize(RENDERER.render(document));
        return new Rendered(html, verification, plain);
    }

    /** Only the sanitiser's allow-list, for text that was not rendered here (tests, defence in depth). */
    public static String sanitise(String html) {
        return POLICY.sanitize(html);
    }

    private static void neutraliseLinksAndImages(Node document) {
        var links = new ArrayList<Link>();
        var images = new ArrayList<Image>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                links.add(link);
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                images.add(image);
            }
        });
        for (Image image : images) {
            // An image is fetched by the browser as soon as it is shown: the classic way to send data out.
            image.insertBefore(new Text("[image not shown]"));
            image.unlink();
        }
        for (Link link : links) {
            String destination = link.getDestination();
            if (destination.regionMatches(true, 0, "https://", 0, 8)
                    && HREF.matcher(destination).matches()) {
                if (!destination.equals(literalOf(link))) {
                    link.insertAfter(new Text(" (" + destination + ")"));
                }
            } else {
                Node child = link.getFirstChild();
                while (child != null) {
                    Node next = child.getNext();
                    link.insertBefore(child);
                    child = next;
                }
                link.insertBefore(new Text(" (link removed)"));
                link.unlink();
            }
        }
    }

    private static String literalOf(Node node) {
        var text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }
        });
        return text.toString();
    }

    /** A text node and where its words sit in the answer's plain text. */
    private record Span(Text node, int start, int end) {}

    /** The plain text the user reads, in document order; each Text node's place recorded. */
    private static void collect(Node node, StringBuilder text, List<Span> spans) {
        switch (node) {
            case Text t -> {
                spans.add(new Span(
                        t, text.length(), text.length() + t.getLiteral().length()));
                text.append(t.getLiteral());
            }
            case Code c -> text.append(c.getLiteral());
            case SoftLineBreak s -> text.append(' ');
            case HardLineBreak h -> text.append('\n');
            case FencedCodeBlock f -> text.append('\n').append(f.getLiteral()).append('\n');
            case IndentedCodeBlock i -> text.append('\n').append(i.getLiteral()).append('\n');
            case HtmlBlock h -> text.append('\n').append(h.getLiteral()).append('\n');
            case HtmlInline h -> text.append(h.getLiteral());
            default -> {
                boolean block = node instanceof Block;
                if (block) {
                    text.append('\n');
                }
                for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                    collect(child, text, spans);
                }
                if (block) {
                    text.append('\n');
                }
            }
        }
    }

    /** Something to put into the text: a citation replacing [start, end), or a mark at start. */
    private record Insertion(int start, int end, Node node) {}

    private static void mark(
            List<Span> spans,
            CitationCheck.Verification verification,
            Map<Integer, String> passages,
            IntFunction<@Nullable String> passageLink) {
        var insertions = new ArrayList<Insertion>();
        for (var sentence : verification.sentences()) {
            for (var citation : sentence.citations()) {
                var links = new ArrayList<String>();
                for (int n : citation.numbers()) {
                    String link = passageLink.apply(n);
                    links.add(link == null ? "" : link + highlight(sentence.quotes(), passages.get(n)));
                }
                insertions.add(
                        new Insertion(citation.start(), citation.end(), new CitationNode(citation.numbers(), links)));
            }
            if (sentence.status() == CitationCheck.Status.UNVERIFIED) {
                insertions.add(new Insertion(sentence.end(), sentence.end(), new UnverifiedNode(sentence.problem())));
            }
        }
        insertions.sort(Comparator.comparingInt(Insertion::start));
        for (var span : spans) {
            var mine = new ArrayList<Insertion>();
            for (var insertion : insertions) {
                boolean citation = insertion.end() > insertion.start();
                if (citation
                        ? insertion.start() >= span.start() && insertion.end() <= span.end()
                        : insertion.start() > span.start() && insertion.start() <= span.end()) {
                    mine.add(insertion);
                }
            }
            if (mine.isEmpty()) {
                continue;
            }
            insertions.removeAll(mine);
            String literal = span.node().getLiteral();
            int at = span.start();
            for (var insertion : mine) {
                if (insertion.start() > at) {
                    span.node()
                            .insertBefore(
                                    new Text(literal.substring(at - span.start(), insertion.start() - span.start())));
                }
                span.node().insertBefore(insertion.node());
                at = Math.max(at, insertion.end());
            }
            if (at < span.end()) {
                span.node().insertBefore(new Text(literal.substring(at - span.start())));
            }
            span.node().unlink();
        }
        // A mark whose sentence ends outside any text (in code, say): after the last text before it.
        for (var insertion : insertions) {
            if (insertion.node() instanceof UnverifiedNode) {
                spans.stream()
                        .filter(s -> s.start() < insertion.start())
                        .reduce((a, b) -> b)
                        .ifPresent(s -> {
                            Node anchor = s.node().getParent() == null ? null : s.node();
                            if (anchor != null) {
                                anchor.insertAfter(insertion.node());
                            }
                        });
            }
        }
    }

    /**
     * A text fragment ({@code #:~:text=start,end}) that makes the browser scroll to and highlight the
     * quotation in the passage view, with no script: the quoted words stay in the reader's browser (a
     * fragment is never sent to the server, so never in a server log).
     */
    static String highlight(List<String> quotes, @Nullable String passage) {
        if (passage == null) {
            return "";
        }
        for (String quote : quotes) {
            String first = quote.split("\\.\\.\\.|\u2026")[0];
            if (first.isBlank() || !CitationCheck.occursIn(first, passage)) {
                continue;
            }
            String[] words = CitationCheck.normalise(first).split(" ");
            if (words.length <= 10) {
                return "#:~:text=" + fragment(String.join(" ", words));
            }
            return "#:~:text=" + fragment(String.join(" ", java.util.Arrays.copyOfRange(words, 0, 4))) + ","
                    + fragment(String.join(" ", java.util.Arrays.copyOfRange(words, words.length - 4, words.length)));
        }
        return "";
    }

    private static String fragment(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("-", "%2D")
                .replace("*", "%2A");
    }

    /** {@code [1, 3]}: each number a link to its passage (or marked when no such passage was given). */
    static final class CitationNode extends CustomNode {
        final List<Integer> numbers;
        final List<String> links;

        CitationNode(List<Integer> numbers, List<String> links) {
            this.numbers = List.copyOf(numbers);
            this.links = List.copyOf(links);
        }
    }

    /** The note after a sentence the check could not verify, saying why. */
    static final class UnverifiedNode extends CustomNode {
        final String problem;

        UnverifiedNode(String problem) {
            this.problem = problem;
        }
    }

    private static final class MarkRenderer implements NodeRenderer {
        private final HtmlWriter html;

        MarkRenderer(HtmlWriter html) {
            this.html = html;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(CitationNode.class, UnverifiedNode.class);
        }

        @Override
        public void render(Node node) {
            if (node instanceof CitationNode citation) {
                html.tag("span", Map.of("class", "citation"));
                html.text("[");
                for (int i = 0; i < citation.numbers.size(); i++) {
                    if (i > 0) {
                        html.text(", ");
                    }
                    String link = citation.links.get(i);
                    String number = String.valueOf(citation.numbers.get(i));
                    if (link.isEmpty()) {
                        html.tag("span", Map.of("class", "citation-unknown"));
                        html.text(number);
                        html.tag("/span");
                    } else {
                        html.tag("a", Map.of("class", "citation-link", "href", link));
                        html.text(number);
                        html.tag("/a");
                    }
                }
                html.text("]");
                html.tag("/span");
            } else if (node instanceof UnverifiedNode unverified) {
                html.text(" ");
                html.tag("span", Map.of("class", "unverified"));
                html.text("(unverified: " + unverified.problem + ")");
                html.tag("/span");
            }
        }
    }
}
