package io.lexvault.search.index;

import io.lexvault.search.index.QuerySyntax.Clause;
import io.lexvault.search.index.QuerySyntax.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Turns the parsed search-box query into Lucene queries over the analysed fields. Every word is
 * looked up in the language-neutral text field, in the text field of each language the index holds,
 * in the title and in the party names (best field wins); longer words also match with one or two typos
 * (names are often misspelt), at a lower weight than an exact match.
 */
final class LexicalQueries {

    /** Words of at least this many letters match with one typo; at least {@link #TWO_TYPOS}, with two. */
    static final int ONE_TYPO = 5;

    static final int TWO_TYPOS = 8;

    private final LanguageAnalyzers analyzers;
    private final QueryBuilder builder;
    private final Weights weights;
    private final LegalThesaurus thesaurus;

    private static final String ENGLISH = LanguageAnalyzers.textField("en");

    /** Relative weights of the fields a word is looked up in (tuned on the ACORD train split). */
    record Weights(float neutralText, float languageText, float title, float party, float fuzzy, float thesaurus) {
        static final Weights DEFAULT = new Weights(0.6f, 1.0f, 1.5f, 1.5f, 0.3f, 0.7f);

        Weights(float neutralText, float languageText, float title, float party, float fuzzy) {
            this(neutralText, languageText, title, party, fuzzy, 0f);
        }

        Weights withThesaurus(float weight) {
            return new Weights(neutralText, languageText, title, party, fuzzy, weight);
        }
    }

    /** At most this many thesaurus phrases join one query. */
    static final int MAX_EXPANSIONS = 64;

    /** Expansion phrases match with up to this many words between or out of order. */
    static final int EXPANSION_SLOP = 2;

    LexicalQueries(LanguageAnalyzers analyzers, Weights weights) {
        this.analyzers = analyzers;
        this.builder = new QueryBuilder(analyzers.perField());
        this.weights = weights;
        this.thesaurus = new LegalThesaurus(text -> tokens(ENGLISH, text));
    }

    /**
     * A query in Lucene's terms.
     *
     * @param query everything the user typed, for BM25: all documents when the user typed nothing (a
     *     browse within the filters), none when the words are all stop words or punctuation
     * @param restrictions the {@code title:} and {@code party:} clauses every hit must match
     * @param exclusions the clauses no hit may match
     * @param semanticText the words to embed for the vector side, null when the query has no plain
     *     word (a phrase, a prefix or an exclusion alone asks for exact matches only)
     * @param coverageTerms the query's words per language field, for {@link TermCoverage}
     */
    record Built(
            Query query,
            List<Query> restrictions,
            List<Query> exclusions,
            @Nullable String semanticText,
            Map<String, List<String>> coverageTerms) {

        Built(Query query, List<Query> restrictions, List<Query> exclusions, @Nullable String semanticText) {
            this(query, restrictions, exclusions, semanticText, Map.of());
        }
    }

    /** The query for a firm's index holding text in {@code languages}. */
    Built build(List<Clause> clauses, Collection<String> languages) {
        return build(clauses, languages, null);
    }

    /**
     * The query, with the {@code party:} clauses answered by {@code partyMatters} (clause text → the
     * matters with such a party) when given: a restriction to those matters (none: no match).
     */
    Built build(List<Clause> clauses, Collection<String> languages, @Nullable Map<String, Set<UUID>> partyMatters) {
        return build(clauses, languages, partyMatters, term -> false);
    }

    /**
     * The query, and without typo variants for the words the index knows well ({@code wellKnown}:
     * e.g. {@link #wellKnownIn}): a word found in many chunks is spelt as the firm spells it, and its
     * variants only add noise and cost (at a million chunks, expanding and scoring them was a third of
     * a query's time). Names and rare words keep their typo tolerance.
     */
    Built build(
            List<Clause> clauses,
            Collection<String> languages,
            @Nullable Map<String, Set<UUID>> partyMatters,
            Predicate<Term> wellKnown) {
        if (clauses.isEmpty()) {
            return new Built(new MatchAllDocsQuery(), List.of(), List.of(), null);
        }
        List<String> textFields = new ArrayList<>();
        textFields.add(LanguageAnalyzers.TEXT);
        languages.stream().sorted().map(LanguageAnalyzers::textField).forEach(textFields::add);
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        List<Query> restrictions = new ArrayList<>();
        List<Query> exclusions = new ArrayList<>();
        List<String> semantic = new ArrayList<>();
        List<String> plainWords = new ArrayList<>();
        boolean plainWord = false;
        int shoulds = 0;
        for (Clause clause : clauses) {
            Query q = clause.scope() == Scope.PARTY && partyMatters != null
                    ? partyMatters(partyMatters.getOrDefault(clause.text(), Set.of()))
                    : clause(clause, textFields, wellKnown);
            if (q == null) {
                continue;
            }
            if (clause.excluded()) {
                query.add(q, Occur.MUST_NOT);
                exclusions.add(q);
            } else if (clause.scope() == Scope.ANY) {
                should.add(q, Occur.SHOULD);
                shoulds++;
                semantic.add(clause.text());
                plainWord |= !clause.phrase();
                if (!clause.phrase()) {
                    plainWords.add(clause.text());
                }
            } else {
                query.add(q, Occur.MUST);
                restrictions.add(q);
            }
        }
        Query expansions = expansions(plainWords, languages);
        if (expansions != null) {
            should.add(expansions, Occur.SHOULD);
        }
        if (shoulds == 0 && restrictions.isEmpty() && exclusions.isEmpty()) {
            return new Built(new MatchNoDocsQuery("nothing searchable in the query"), List.of(), List.of(), null);
        }
        if (shoulds > 0) {
            query.add(should.build(), Occur.MUST);
        } else if (restrictions.isEmpty()) {
            query.add(new MatchAllDocsQuery(), Occur.MUST);
        }
        return new Built(
                query.build(),
                restrictions,
                exclusions,
                plainWord ? String.join(" ", semantic) : null,
                coverageTerms(clauses, languages));
    }

    /**
     * The thesaurus's phrases for the user's plain words (not their quoted phrases: those ask for exact
     * words), over the English text field, together weighted below the words themselves; null when the
     * index holds no English text or nothing in the query is in the thesaurus.
     */
    private @Nullable Query expansions(List<String> plainWords, Collection<String> languages) {
        if (weights.thesaurus() <= 0 || plainWords.isEmpty() || !languages.contains("en")) {
            return null;
        }
        BooleanQuery.Builder expanded = new BooleanQuery.Builder();
        int added = 0;
        for (String phrase : thesaurus.expansions(String.join(" ", plainWords))) {
            Query q = builder.createPhraseQuery(ENGLISH, phrase, EXPANSION_SLOP);
            if (q != null && added < MAX_EXPANSIONS) {
                expanded.add(q, Occur.SHOULD);
                added++;
            }
        }
        return added == 0 ? null : new BoostQuery(expanded.build(), weights.thesaurus());
    }

    /**
     * The distinct words of the query's included plain words and phrases (not the title:/party:
     * clauses, not the exclusions) as each of the index's language fields analyses them (stemmed,
     * stop words dropped): what {@link TermCoverage} counts in each candidate. The neutral field stands
     * in when the index holds no language with an analyzer of its own.
     */
    Map<String, List<String>> coverageTerms(List<Clause> clauses, Collection<String> languages) {
        List<String> fields = languages.isEmpty()
                ? List.of(LanguageAnalyzers.TEXT)
                : languages.stream().sorted().map(LanguageAnalyzers::textField).toList();
        Map<String, List<String>> terms = new java.util.LinkedHashMap<>();
        for (String field : fields) {
            java.util.Set<String> distinct = new java.util.LinkedHashSet<>();
            for (Clause clause : clauses) {
                if (!clause.excluded() && clause.scope() == Scope.ANY) {
                    distinct.addAll(tokens(field, clause.text()));
                }
            }
            if (!distinct.isEmpty()) {
                terms.put(field, List.copyOf(distinct));
            }
        }
        return terms;
    }

    /**
     * The query that marks matches in one text field when highlighting (no exclusions, no scopes);
     * with {@code typos}, the words also match with the typos the search allows them.
     */
    @Nullable
    Query forHighlight(List<Clause> clauses, String field, boolean typos) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        int added = 0;
        for (Clause clause : clauses) {
            if (clause.excluded()) {
                continue;
            }
            Query q = clause.phrase() || !typos
                    ? phrase(field, clause.text())
                    : word(field, clause.text(), weights.fuzzy());
            if (q != null) {
                query.add(q, Occur.SHOULD);
                added++;
            }
        }
        return added == 0 ? null : query.build();
    }

    /** Chunks of these matters, all scored alike: a party names the matter, not a passage in it. */
    private static Query partyMatters(Set<UUID> matters) {
        if (matters.isEmpty()) {
            return new MatchNoDocsQuery("no matter with such a party");
        }
        List<BytesRef> ids =
                matters.stream().map(id -> new BytesRef(id.toString())).toList();
        return new ConstantScoreQuery(KeywordField.newSetQuery(LuceneSearchIndex.MATTER, ids));
    }

    /**
     * Words in at least {@value #WELL_KNOWN_CHUNKS} chunks and one in a thousand of the index's: known
     * well enough to need no typo variants.
     */
    static Predicate<Term> wellKnownIn(IndexReader reader) {
        int enough = Math.max(WELL_KNOWN_CHUNKS, reader.maxDoc() / 1000);
        return term -> {
            try {
                return reader.docFreq(term) >= enough;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    static final int WELL_KNOWN_CHUNKS = 50;

    private @Nullable Query clause(Clause clause, List<String> textFields, Predicate<Term> wellKnown) {
        List<Query> alternatives = new ArrayList<>();
        String text = clause.text();
        boolean fuzzy = !clause.phrase() && !clause.excluded();
        switch (clause.scope()) {
            case TITLE -> add(alternatives, phrase(LanguageAnalyzers.TITLE, text), 1f);
            case PARTY -> {
                add(alternatives, phrase(LanguageAnalyzers.PARTY, text), 1f);
                if (fuzzy) {
                    add(alternatives, fuzzy(LanguageAnalyzers.PARTY, text, 4), weights.fuzzy() * 2);
                }
            }
            case ANY -> {
                if (!clause.phrase() && isStopWordEverywhere(text, textFields)) {
                    return null;
                }
                for (String field : textFields) {
                    float weight =
                            field.equals(LanguageAnalyzers.TEXT) ? weights.neutralText() : weights.languageText();
                    add(alternatives, phrase(field, text), weight);
                }
                add(alternatives, phrase(LanguageAnalyzers.TITLE, text), weights.title());
                add(alternatives, phrase(LanguageAnalyzers.PARTY, text), weights.party());
                if (fuzzy) {
                    Query typos = fuzzy(LanguageAnalyzers.TEXT, text, ONE_TYPO);
                    if (typos instanceof FuzzyQuery f && !wellKnown.test(f.getTerm())) {
                        add(alternatives, typos, weights.fuzzy());
                    }
                    add(alternatives, fuzzy(LanguageAnalyzers.PARTY, text, 4), weights.fuzzy() * 2);
                }
            }
        }
        if (alternatives.isEmpty()) {
            return null;
        }
        return alternatives.size() == 1 ? alternatives.getFirst() : new DisjunctionMaxQuery(alternatives, 0.1f);
    }

    /**
     * True for a word that every language field drops (a stop word of each language the index holds),
     * which the neutral field alone would otherwise match in nearly every chunk.
     */
    private boolean isStopWordEverywhere(String text, List<String> textFields) {
        if (textFields.size() < 2) {
            return false;
        }
        for (String field : textFields.subList(1, textFields.size())) {
            if (phrase(field, text) != null) {
                return false;
            }
        }
        return true;
    }

    private @Nullable Query word(String field, String text, float fuzzyWeight) {
        List<Query> alternatives = new ArrayList<>();
        add(alternatives, phrase(field, text), 1f);
        add(alternatives, fuzzy(field, text, ONE_TYPO), fuzzyWeight);
        if (alternatives.isEmpty()) {
            return null;
        }
        return alternatives.size() == 1 ? alternatives.getFirst() : new DisjunctionMaxQuery(alternatives, 0f);
    }

    private @Nullable Query phrase(String field, String text) {
        return builder.createPhraseQuery(field, text);
    }

    /** A typo-tolerant match of a single-token word, analysed as the field analyses it (no stemming). */
    private @Nullable Query fuzzy(String field, String text, int minLength) {
        List<String> tokens = neutralTokens(text);
        if (tokens.size() != 1) {
            return null;
        }
        String token = tokens.getFirst();
        int length = token.codePointCount(0, token.length());
        if (length < minLength) {
            return null;
        }
        return new FuzzyQuery(new Term(field, token), length >= TWO_TYPOS ? 2 : 1, 1);
    }

    List<String> neutralTokens(String text) {
        return tokens(LanguageAnalyzers.TEXT, text);
    }

    /** The words of {@code text} as {@code field} analyses them. */
    private List<String> tokens(String field, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzers.perField().tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    private static void add(List<Query> alternatives, @Nullable Query query, float weight) {
        if (query != null) {
            alternatives.add(weight == 1f ? query : new BoostQuery(query, weight));
        }
    }
}
