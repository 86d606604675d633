package io.lexvault.search.index;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The legal drafting thesaurus ({@code search/legal-thesaurus-en.txt}): what else to look for when a
 * query names a contract concept in other words than the contracts do. The largest single gain in
 * clause retrieval measured on the ACORD train split (docs/benchmarks.md): queries and clauses share
 * few words ("indirect damages" against "consequential, special or punitive damages").
 */
final class LegalThesaurus {

    static final String RESOURCE = "/search/legal-thesaurus-en.txt";

    /** A query phrase (stemmed words, in order) and the phrases it adds. */
    private record Entry(List<String> trigger, List<String> expansions) {}

    private final List<Entry> entries;
    private final Function<String, List<String>> stemmer;

    /**
     * @param stemmer turns text into the words of the English text field, as that field analyses them
     */
    LegalThesaurus(Function<String, List<String>> stemmer) {
        this.stemmer = stemmer;
        this.entries = load(stemmer);
    }

    /** The phrases to look for as well, in the thesaurus's order, each once; empty for most queries. */
    List<String> expansions(String query) {
        List<String> words = stemmer.apply(query);
        if (words.isEmpty()) {
            return List.of();
        }
        Set<String> expansions = new LinkedHashSet<>();
        for (Entry entry : entries) {
            if (Collections.indexOfSubList(words, entry.trigger()) >= 0) {
                expansions.addAll(entry.expansions());
            }
        }
        return List.copyOf(expansions);
    }

    private static List<Entry> load(Function<String, List<String>> stemmer) {
        InputStream in = Objects.requireNonNull(
                LegalThesaurus.class.getResourceAsStream(RESOURCE), "missing resource " + RESOURCE);
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int arrow = line.indexOf("=>");
                if (arrow < 0) {
                    throw new IllegalStateException(RESOURCE + " line " + number + ": no \"=>\"");
                }
                List<String> trigger = stemmer.apply(line.substring(0, arrow));
                List<String> expansions = new ArrayList<>();
                for (String expansion : line.substring(arrow + 2).split(";")) {
                    if (!expansion.isBlank()) {
                        expansions.add(expansion.strip());
                    }
                }
                if (!trigger.isEmpty() && !expansions.isEmpty()) {
                    entries.add(new Entry(List.copyOf(trigger), List.copyOf(expansions)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(entries);
    }
}
