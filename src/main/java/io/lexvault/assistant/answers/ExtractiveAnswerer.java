package io.lexvault.assistant.answers;

import io.lexvault.assistant.providers.ModelAnswer;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The built-in offline answerer, the default: no model, no network, nothing sent anywhere. It answers
 * with the sentences of the retrieved passages that best match the question's words, quoted word for
 * word and cited, under a heading that says plainly these are extracts and not a generated answer. Its
 * quotations pass the same citation check as a model's.
 */
@Component
public class ExtractiveAnswerer {

    public static final String PROVIDER = "offline";
    public static final String MODEL = "extractive-v1";

    static final String HEADING = "**Extracts from this matter's documents, not a generated answer.** No language model"
            + " was used: these are the sentences of the passages found for your question that best match its"
            + " words, quoted word for word. Open a citation to read the passage in its document.";

    static final String NOTHING = "**No extract found.** No passage of this matter's documents that you can see"
            + " matches the question. Try other words, or check that the documents are indexed.";

    static final int MAX_EXTRACTS = 4;
    static final int MAX_PER_PASSAGE = 2;
    static final int MAX_SENTENCE = 400;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;])\\s+|\\n+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Set<String> STOP = Set.of(
            "the", "and", "for", "are", "was", "were", "what", "which", "who", "whom", "when", "where", "why", "how",
            "does", "did", "this", "that", "these", "those", "with", "from", "have", "has", "had", "any", "there",
            "their", "about", "into", "under", "shall", "will", "can", "may", "must", "should", "would", "der", "die",
            "das", "und", "ist", "sind", "wer", "wie", "wann", "welche", "mit", "von", "och", "att", "det", "som",
            "för", "vad", "hur", "när", "med", "til", "og", "hvad", "hvor", "les", "des", "une", "est", "que", "qui",
            "pour", "dans");

    /** One passage as numbered for the answer: [number] and its text. */
    public record Numbered(int number, String text) {}

    private record Candidate(int number, int order, String sentence, double score) {}

    /** Answers from the passages (best first); streams the answer to {@code delta} line by line. */
    public ModelAnswer answer(String question, List<Numbered> passages, Consumer<String> delta) {
        var terms = terms(question);
        var candidates = new ArrayList<Candidate>();
        for (int rank = 0; rank < passages.size(); rank++) {
            var passage = passages.get(rank);
            int order = 0;
            for (String raw : SENTENCE_END.split(passage.text())) {
                String sentence = raw.strip().replaceAll("\\s+", " ");
                if (sentence.length() < 12
                        || sentence.indexOf('\u201c') >= 0
                        || sentence.indexOf('\u201d') >= 0
                        || sentence.indexOf('\u201e') >= 0) {
                    continue;
                }
                var words = terms(sentence);
                long shared = terms.stream().filter(words::contains).count();
                // The search ranked the passages already: its order breaks ties and lifts the best one.
                double score = shared + 0.5 / (rank + 1) - order * 0.01;
                candidates.add(new Candidate(passage.number(), order++, sentence, shared > 0 ? score : -1 + score));
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        var chosen = new ArrayList<Candidate>();
        var perPassage = new HashMap<Integer, Integer>();
        boolean anyMatch = candidates.stream().anyMatch(c -> c.score() > 0);
        for (var candidate : candidates) {
            if (chosen.size() == MAX_EXTRACTS) {
                break;
            }
            if (anyMatch && candidate.score() <= 0) {
                break;
            }
            int taken = perPassage.getOrDefault(candidate.number(), 0);
            // Without a matching word, the first sentence of each of the best passages (the search's choice).
            if (taken >= (anyMatch ? MAX_PER_PASSAGE : 1)) {
                continue;
            }
            perPassage.put(candidate.number(), taken + 1);
            chosen.add(candidate);
        }
        if (chosen.isEmpty()) {
            delta.accept(NOTHING);
            return new ModelAnswer(NOTHING, PROVIDER, MODEL, 0, 0);
        }
        var answer = new StringBuilder(HEADING).append("\n\n");
        delta.accept(answer.toString());
        for (var candidate : chosen) {
            String line =
                    "- \u201c" + escaped(shortened(candidate.sentence())) + "\u201d [" + candidate.number() + "]\n";
            answer.append(line);
            delta.accept(line);
        }
        return new ModelAnswer(answer.toString(), PROVIDER, MODEL, 0, 0);
    }

    static Set<String> terms(String text) {
        var terms = new LinkedHashSet<String>();
        var m = WORD.matcher(fold(text));
        while (m.find()) {
            String word = m.group();
            if (word.length() >= 3 && !STOP.contains(word)) {
                // A crude stem: the first six letters, so "terminate" meets "termination".
                terms.add(word.length() > 6 ? word.substring(0, 6) : word);
            }
        }
        return terms;
    }

    private static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
    }

    /** A long sentence cut at a word, the cut shown by an ellipsis inside the quotation (the check allows it). */
    static String shortened(String sentence) {
        if (sentence.length() <= MAX_SENTENCE) {
            return sentence;
        }
        int cut = sentence.lastIndexOf(' ', MAX_SENTENCE);
        return sentence.substring(0, cut > MAX_SENTENCE / 2 ? cut : MAX_SENTENCE) + " \u2026";
    }

    /** The passage's words as Markdown text: every character Markdown would read as syntax escaped. */
    static String escaped(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_[]<>!&#|~{}()".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
