package io.lexvault.search.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguagesTests {

    private static final Languages LANGUAGES = TextExtractorTests.LANGUAGES;

    record Sample(String language, String text) {}

    static List<Sample> legalSentences() throws IOException {
        try (InputStream in = LanguagesTests.class.getResourceAsStream("/search/legal-sentences.tsv")) {
            List<Sample> samples = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] cells = line.split("\t", 2);
                    samples.add(new Sample(cells[0], cells[1]));
                }
            }
            return samples;
        }
    }

    @Test
    void legalSentencesOfEveryAnalysedLanguageAreRecognisedAndNeverMistaken() throws IOException {
        List<Sample> samples = legalSentences();
        assertThat(samples).extracting(Sample::language).containsAll(Languages.CODES);
        int right = 0;
        for (Sample sample : samples) {
            String detected = LANGUAGES.of(sample.text());
            // undetermined is allowed now and then; another language never is
            assertThat(detected).as(sample.text()).isIn(sample.language(), null);
            if (sample.language().equals(detected)) {
                right++;
            }
        }
        assertThat(right).isGreaterThanOrEqualTo(samples.size() * 95 / 100);
    }

    @Test
    void textTooShortToTellIsUndetermined() {
        assertThat(LANGUAGES.of("Müller AB")).isNull();
        assertThat(LANGUAGES.of("SEK 10,000,000")).isNull();
        assertThat(LANGUAGES.of("")).isNull();
    }

    @Test
    void aDocumentsLanguageIsReadFromItsBeginning() {
        String swedish = "Hyresgästen ska under hela hyrestiden hålla lokalen i gott skick och betala hyran "
                + "i förskott senast den sista vardagen före varje kalendermånads början. ";
        assertThat(LANGUAGES.ofDocument(swedish.repeat(400))).isEqualTo("sv");
    }
}
