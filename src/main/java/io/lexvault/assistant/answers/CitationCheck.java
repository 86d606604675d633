package io.lexvault.assistant.answers;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an answer's citations against the passages that were numbered in its prompt: the answer is cut
 * into sentences (a quotation is never cut), and a sentence is verified only when every {@code [n]} it
 * carries names a passage that was given, and every quotation in it ({@code "..."} or {@code “...”})
 * occurs in one of the passages it cites, compared with whitespace normalised (an ellipsis inside a
 * quotation may skip words, the parts must occur in order). A quotation without a citation, or a
 * citation of a passage nobody gave, makes the sentence unverified: a model can invent both.
 */
public final class CitationCheck {

    /** {@code [3]} or {@code [3, 5]}. */
    static final Pattern CITATION = Pattern.compile("\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)\\]");

    private static final Pattern ELLIPSIS = Pattern.compile("\\.\\.\\.|…|\\[\\.\\.\\.\\]|\\[…\\]");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0\\u2007\\u202f]+");

    /** What the check found for one sentence. */
    public enum Status {
        /** Cites only given passages, and every quotation occurs in a passage it cites. */
        VERIFIED,
        /** A citation of no given passage, or a quotation not found in the passages it cites (or uncited). */
        UNVERIFIED,
        /** Neither cites nor quotes: nothing to check (a connecting sentence). */
        UNCITED
    }

    /** A citation as written: where in the text, and the passage numbers it names. */
    public record Citation(int start, int end, List<Integer> numbers) {
        public Citation {
            numbers = List.copyOf(numbers);
        }
    }

    /** One sentence: its span in the text, citations, quotations, status and, when unverified, why. */
    public record Sentence(
            int start, int end, List<Citation> citations, List<String> quotes, Status status, String problem) {
        public Sentence {
            citations = List.copyOf(citations);
            quotes = List.copyOf(quotes);
        }
    }

    /** The whole answer's check. */
    public record Verification(List<Sentence> sentences) {
        public Verification {
            sentences = List.copyOf(sentences);
        }

        public boolean allVerified() {
            return sentences.stream().noneMatch(s -> s.status() == Status.UNVERIFIED);
        }

        public long unverified() {
            return sentences.stream()
                    .filter(s -> s.status() == Status.UNVERIFIED)
                    .count();
        }

        /** Every passage number cited by a verified sentence. */
        public Set<Integer> verifiedNumbers() {
            var numbers = new LinkedHashSet<Integer>();
            sentences.stream()
                    .filter(s -> s.status() == Status.VERIFIED)
                    .forEach(s -> s.citations().forEach(c -> numbers.addAll(c.numbers())));
            return numbers;
        }

        /** Every passage number cited anywhere (given or not). */
        public Set<Integer> citedNumbers() {
            var numbers = new LinkedHashSet<Integer>();
            sentences.forEach(s -> s.citations().forEach(c -> numbers.addAll(c.numbers())));
            return numbers;
        }
    }

    private CitationCheck() {}

    /**
     * @param text the answer as the user reads it (placeholders restored, Markdown syntax removed)
     * @param passages passage number → the passage's text as it was given (restored)
     */
    public static Verification verify(String text, Map<Integer, String> passages) {
        var sentences = new ArrayList<Sentence>();
        for (int[] span : sentences(text)) {
            sentences.add(check(text, span[0], span[1], passages));
        }
        return new Verification(sentences);
    }

    private static Sentence check(String text, int start, int end, Map<Integer, String> passages) {
        String sentence = text.substring(start, end);
        var citations = new ArrayList<Citation>();
        var quoted = quoteSpans(sentence);
        Matcher m = CITATION.matcher(sentence);
        while (m.find()) {
            int at = m.start();
            if (quoted.stream().anyMatch(q -> at > q[0] && at < q[1])) {
                continue; // "[2]" inside a quotation is the document's text, not a citation
            }
            var numbers = new ArrayList<Integer>();
            for (String n : m.group(1).split(",")) {
                numbers.add(Integer.parseInt(n.strip()));
            }
            citations.add(new Citation(start + m.start(), start + m.end(), numbers));
        }
        var quotes = quotes(sentence);
        if (citations.isEmpty() && quotes.isEmpty()) {
            return new Sentence(start, end, citations, quotes, Status.UNCITED, "");
        }
        var cited = new LinkedHashSet<Integer>();
        citations.forEach(c -> cited.addAll(c.numbers()));
        for (int n : cited) {
            if (!passages.containsKey(n)) {
                return new Sentence(
                        start,
                        end,
                        citations,
                        quotes,
                        Status.UNVERIFIED,
                        "cites [" + n + "], which is not a passage given");
            }
        }
        if (cited.isEmpty()) {
            return new Sentence(start, end, citations, quotes, Status.UNVERIFIED, "quotes without citing a passage");
        }
        for (String quote : quotes) {
            boolean found = cited.stream().anyMatch(n -> occursIn(quote, passages.get(n)));
            if (!found) {
                return new Sentence(
                        start,
                        end,
                        citations,
                        quotes,
                        Status.UNVERIFIED,
                        "the quotation is not in the cited " + (cited.size() == 1 ? "passage" : "passages"));
            }
        }
        return new Sentence(start, end, citations, quotes, Status.VERIFIED, "");
    }

    /** Whether the quotation occurs in the passage (whitespace normalised; an ellipsis skips, in order). */
    static boolean occursIn(String quote, String passage) {
        String haystack = normalise(passage);
        int from = 0;
        boolean any = false;
        for (String part : ELLIPSIS.split(quote)) {
            String needle = normalise(part);
            if (needle.isEmpty()) {
                continue;
            }
            int at = haystack.indexOf(needle, from);
            if (at < 0) {
                return false;
            }
            from = at + needle.length();
            any = true;
        }
        return any;
    }

    static String normalise(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC)
                .replace('\u2019', '\'')
                .replace('\u2018', '\'')
                .replace("\u00ad", "");
        return SPACES.matcher(nfc).replaceAll(" ").strip();
    }

    /** The quotations of a sentence: between straight double quotes, or between “ and ”. */
    static List<String> quotes(String sentence) {
        var quotes = new ArrayList<String>();
        for (int[] span : quoteSpans(sentence)) {
            String quote = sentence.substring(span[0] + 1, span[1]);
            if (!quote.isBlank()) {
                quotes.add(quote);
            }
        }
        return quotes;
    }

    /** Where the quotations are: the index of the opening mark and of the closing one. */
    private static List<int[]> quoteSpans(String sentence) {
        var spans = new ArrayList<int[]>();
        int i = 0;
        while (i < sentence.length()) {
            char c = sentence.charAt(i);
            char close = c == '"' ? '"' : c == '\u201c' ? '\u201d' : c == '\u201e' ? '\u201c' : 0;
            if (close != 0) {
                int end = sentence.indexOf(close, i + 1);
                if (end < 0) {
                    break; // an unclosed quotation: nothing to check, the sentence is judged on its citations
                }
                spans.add(new int[] {i, end});
                i = end + 1;
            } else {
                i++;
            }
        }
        return spans;
    }

    /**
     * Sentence spans: a sentence ends at a line break, or at {@code .}, {@code !} or {@code ?} followed by
     * whitespace outside a quotation; citations that directly follow its end ({@code ... done. [2]}) still
     * belong to it.
     */
    static List<int[]> sentences(String text) {
        var spans = new ArrayList<int[]>();
        int n = text.length();
        int start = 0;
        char open = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                add(spans, text, start, i);
                start = i + 1;
                open = 0;
                i++;
                continue;
            }
            if (open != 0) {
                if (c == open) {
                    open = 0;
                }
                i++;
                continue;
            }
            if (c == '"') {
                open = '"';
            } else if (c == '\u201c') {
                open = '\u201d';
            } else if (c == '\u201e') {
                open = '\u201c';
            } else if ((c == '.' || c == '!' || c == '?')
                    && (i + 1 == n || Character.isWhitespace(text.charAt(i + 1)))) {
                int end = i + 1;
                // Trailing citations after the full stop belong to this sentence.
                int j = end;
                while (true) {
                    int k = j;
                    while (k < n && text.charAt(k) == ' ') {
                        k++;
                    }
                    Matcher m = CITATION.matcher(text).region(k, n);
                    if (m.lookingAt()) {
                        j = m.end();
                        end = j;
                    } else {
                        break;
                    }
                }
                add(spans, text, start, end);
                start = end;
                i = end;
                continue;
            }
            i++;
        }
        add(spans, text, start, n);
        return spans;
    }

    private static void add(List<int[]> spans, String text, int start, int end) {
        int s = start;
        int e = end;
        while (s < e && Character.isWhitespace(text.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        if (s < e) {
            spans.add(new int[] {s, e});
        }
    }
}
