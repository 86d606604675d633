package io.lexvault.search.extraction;

import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The language of a text, as an ISO 639-1 code, among the languages the index analyses: English,
 * Swedish, Norwegian ("no"), Danish, Finnish, German, French, Dutch, Spanish, Italian and Portuguese.
 * Null (undetermined) when the text is too short or too mixed to tell, rather than a guess: a wrong
 * language picks the wrong stemmer, while undetermined falls back to the document's language or the
 * standard analyser.
 *
 * <p>Optimaize's n-gram detector with only those 11 profiles loaded (a few MB of heap, well under a
 * millisecond for a chunk), chosen by measurement against Lingua (docs/dependencies.md,
 * bench/language-detection.sh). Thread-safe.
 */
@Component
public class Languages {

    /** The analysed languages; Optimaize's profile names are their ISO 639-1 codes. */
    public static final List<String> CODES = List.of("en", "sv", "no", "da", "fi", "de", "fr", "nl", "es", "it", "pt");

    /** Below this many letters no detector tells Danish from Norwegian, or a name from a sentence. */
    private static final int MIN_LETTERS = 12;

    /** A document's language is read from its beginning; more text only costs time. */
    private static final int DOCUMENT_SAMPLE = 20_000;

    private final LanguageDetector detector;
    private final TextObjectFactory shortText = CommonTextObjectFactories.forDetectingShortCleanText();
    private final TextObjectFactory longText = CommonTextObjectFactories.forDetectingOnLargeText();

    public Languages() {
        try {
            detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                    .withProfiles(new LanguageProfileReader().read(CODES))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("the language profiles are missing from the class path", e);
        }
    }

    /** The language of a chunk-sized text (a sentence to a few paragraphs), or null if undetermined. */
    public @Nullable String of(CharSequence text) {
        return detect(text, shortText);
    }

    /** The language of a document's text, read from its first 20,000 characters, or null. */
    public @Nullable String ofDocument(CharSequence text) {
        CharSequence sample = text.length() > DOCUMENT_SAMPLE ? text.subSequence(0, DOCUMENT_SAMPLE) : text;
        return detect(sample, longText);
    }

    private @Nullable String detect(CharSequence text, TextObjectFactory factory) {
        if (text.codePoints().filter(Character::isLetter).limit(MIN_LETTERS).count() < MIN_LETTERS) {
            return null;
        }
        com.google.common.base.Optional<LdLocale> language = detector.detect(factory.forText(text));
        return language.isPresent() ? language.get().getLanguage() : null;
    }
}
