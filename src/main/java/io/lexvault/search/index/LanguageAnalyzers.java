package io.lexvault.search.index;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.jspecify.annotations.Nullable;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;

/**
 * The analysis of every indexed field, shared by indexing, querying and highlighting so that the three
 * always agree.
 *
 * <p>Chunk text goes into two fields: {@link #TEXT} through the language-neutral analyzer (Unicode
 * tokens, case and accent folding, no stemming: serves languages without an analyzer and exact names),
 * and {@code text_<language>} through that language's analyzer (its stop words and stemmer, then the
 * same folding). Folding comes last, after the stemmer, because the stemmers expect the language's own
 * letters ("Müller", "Muller" and "muller" all end up as the same term).
 */
final class LanguageAnalyzers {

    static final String TEXT = "text";
    static final String TITLE = "title";
    static final String PARTY = "party";

    /** The languages with an analyzer of their own (ISO 639-1). */
    static final Set<String> LANGUAGES = Set.of("en", "sv", "no", "da", "fi", "de", "fr", "nl", "es", "it", "pt");

    private static final CharArraySet FRENCH_ELISIONS = new CharArraySet(
            Set.of("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"), true);
    private static final CharArraySet ITALIAN_ELISIONS = new CharArraySet(
            Set.of(
                    "c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl",
                    "negl", "sugl", "un", "m", "t", "s", "v", "d"),
            true);

    private final Analyzer neutral = new FoldingAnalyzer(CharArraySet.EMPTY_SET, UnaryOperator.identity());
    private final Map<String, Analyzer> byLanguage = Map.ofEntries(
            Map.entry("en", new FoldingAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, PorterStemFilter::new) {
                @Override
                TokenStream beforeLowerCase(TokenStream in) {
                    return new EnglishPossessiveFilter(in);
                }
            }),
            Map.entry(
                    "sv",
                    new FoldingAnalyzer(
                            SwedishAnalyzer.getDefaultStopSet(), in -> new SnowballFilter(in, new SwedishStemmer()))),
            Map.entry(
                    "no",
                    new FoldingAnalyzer(
                            NorwegianAnalyzer.getDefaultStopSet(),
                            in -> new SnowballFilter(in, new NorwegianStemmer()))),
            Map.entry(
                    "da",
                    new FoldingAnalyzer(
                            DanishAnalyzer.getDefaultStopSet(), in -> new SnowballFilter(in, new DanishStemmer()))),
            Map.entry(
                    "fi",
                    new FoldingAnalyzer(
                            FinnishAnalyzer.getDefaultStopSet(), in -> new SnowballFilter(in, new FinnishStemmer()))),
            Map.entry(
                    "de",
                    new FoldingAnalyzer(
                            GermanAnalyzer.getDefaultStopSet(),
                            in -> new GermanLightStemFilter(new GermanNormalizationFilter(in)))),
            Map.entry("fr", new FoldingAnalyzer(FrenchAnalyzer.getDefaultStopSet(), FrenchLightStemFilter::new) {
                @Override
                TokenStream beforeLowerCase(TokenStream in) {
                    return new ElisionFilter(in, FRENCH_ELISIONS);
                }
            }),
            Map.entry(
                    "nl",
                    new FoldingAnalyzer(
                            DutchAnalyzer.getDefaultStopSet(), in -> new SnowballFilter(in, new DutchStemmer()))),
            Map.entry("es", new FoldingAnalyzer(SpanishAnalyzer.getDefaultStopSet(), SpanishLightStemFilter::new)),
            Map.entry("it", new FoldingAnalyzer(ItalianAnalyzer.getDefaultStopSet(), ItalianLightStemFilter::new) {
                @Override
                TokenStream beforeLowerCase(TokenStream in) {
                    return new ElisionFilter(in, ITALIAN_ELISIONS);
                }
            }),
            Map.entry(
                    "pt", new FoldingAnalyzer(PortugueseAnalyzer.getDefaultStopSet(), PortugueseLightStemFilter::new)));

    private final Analyzer perField;

    LanguageAnalyzers() {
        Map<String, Analyzer> fields = new java.util.HashMap<>();
        byLanguage.forEach((language, analyzer) -> fields.put(textField(language), analyzer));
        perField = new PerFieldAnalyzerWrapper(neutral, fields);
    }

    /** The analyzer of every field, by name (the neutral one for {@link #TEXT}, title and party). */
    Analyzer perField() {
        return perField;
    }

    Analyzer neutral() {
        return neutral;
    }

    /** The field holding text of a language, or null when the language has no analyzer of its own. */
    static @Nullable String languageField(@Nullable String language) {
        String normalized = normalize(language);
        return normalized == null ? null : textField(normalized);
    }

    static @Nullable String normalize(@Nullable String language) {
        if (language == null) {
            return null;
        }
        String code = language.strip().toLowerCase(Locale.ROOT);
        if (code.equals("nb") || code.equals("nn")) {
            code = "no";
        }
        return LANGUAGES.contains(code) ? code : null;
    }

    static String textField(String language) {
        return TEXT + "_" + language;
    }

    /**
     * Standard (UAX#29) tokens, lower case, the language's stop words and stemmer, then ICU folding
     * (accents, ligatures, width, case) so that a query typed without diacritics still matches.
     */
    private static class FoldingAnalyzer extends Analyzer {

        private final CharArraySet stopWords;
        private final UnaryOperator<TokenStream> stemmer;

        FoldingAnalyzer(CharArraySet stopWords, UnaryOperator<TokenStream> stemmer) {
            this.stopWords = stopWords;
            this.stemmer = stemmer;
        }

        TokenStream beforeLowerCase(TokenStream in) {
            return in;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new LowerCaseFilter(beforeLowerCase(source));
            if (!stopWords.isEmpty()) {
                stream = new StopFilter(stream, stopWords);
            }
            stream = new ICUFoldingFilter(stemmer.apply(stream));
            return new TokenStreamComponents(source, stream);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ICUFoldingFilter(new LowerCaseFilter(in));
        }
    }
}
