package io.lexvault.search.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The query language of the search box, parsed by hand: a user's query is not Lucene syntax, so
 * nothing a user types can make parsing fail or reach Lucene's own parser. Supported: plain words,
 * {@code "phrases"}, {@code -word} and {@code -"phrase"} exclusions, and the {@code title:} and
 * {@code party:} prefixes (on a word or a phrase). Everything else is a word; an unclosed quote closes
 * at the end; a lone {@code -} or an empty prefix is ignored.
 */
public final class QuerySyntax {

    enum Scope {
        ANY,
        TITLE,
        PARTY
    }

    /** One piece of a query: a word or a phrase, where it must match, and whether it excludes. */
    record Clause(String text, boolean phrase, Scope scope, boolean excluded) {}

    /** At most this many clauses are honoured: a pasted page of text must not make a monster query. */
    static final int MAX_CLAUSES = 64;

    private QuerySyntax() {}

    /**
     * The texts of the {@code party:} clauses of a query (included or excluded), each as {@link
     * IndexQuery#partyMatters()} expects it as a key.
     */
    public static List<String> partyTexts(String query) {
        return parse(query).stream()
                .filter(c -> c.scope() == Scope.PARTY)
                .map(Clause::text)
                .distinct()
                .toList();
    }

    static List<Clause> parse(String query) {
        List<Clause> clauses = new ArrayList<>();
        String text = query.length() > 4_000 ? query.substring(0, 4_000) : query;
        int i = 0;
        int n = text.length();
        while (i < n && clauses.size() < MAX_CLAUSES) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean excluded = false;
            if (c == '-' || c == '\u2212') {
                excluded = true;
                i++;
                if (i >= n || Character.isWhitespace(text.charAt(i))) {
                    continue; // a lone minus
                }
            }
            Scope scope = Scope.ANY;
            String rest = text.substring(i, Math.min(n, i + 6)).toLowerCase(Locale.ROOT);
            if (rest.startsWith("title:")) {
                scope = Scope.TITLE;
                i += 6;
            } else if (rest.startsWith("party:")) {
                scope = Scope.PARTY;
                i += 6;
            }
            if (i >= n || Character.isWhitespace(text.charAt(i))) {
                continue; // an empty prefix
            }
            if (isQuote(text.charAt(i))) {
                int start = i + 1;
                int end = start;
                while (end < n && !isQuote(text.charAt(end))) {
                    end++;
                }
                String phrase = text.substring(start, end).strip();
                if (!phrase.isEmpty()) {
                    clauses.add(new Clause(phrase, true, scope, excluded));
                }
                i = Math.min(n, end + 1);
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i)) && !isQuote(text.charAt(i))) {
                    i++;
                }
                clauses.add(new Clause(text.substring(start, i), false, scope, excluded));
            }
        }
        return clauses;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\u201c' || c == '\u201d' || c == '\u201e';
    }
}
