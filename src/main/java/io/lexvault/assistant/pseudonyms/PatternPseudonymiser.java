package io.lexvault.assistant.pseudonyms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The pseudonymiser: known names with their inflected forms ({@link NameMatcher}), e-mail addresses,
 * phone numbers, IBANs, payment cards, national identifiers, dates of birth and street addresses
 * ({@link NumberDetectors}, {@link TextDetectors}) become placeholders such as {@code [PERSON_1]}.
 *
 * <p>Where two findings overlap, the placeholder covers both (never half of an identifier left in
 * the text). Where the rules are unsure, they replace: a false positive costs the model some context,
 * a false negative sends an identifier out of the firm (docs/security.md "AI assistant —
 * pseudonymisation" lists the rules and the measured precision).
 */
@Component
public class PatternPseudonymiser implements Pseudonymiser {

    @Override
    public Session session(Collection<KnownName> names) {
        return new TableSession(NameMatcher.of(names));
    }

    /** Everything found in the text, overlapping findings merged, in text order. */
    static List<Finding> findings(String text, NameMatcher names) {
        var all = new ArrayList<Finding>();
        var folded = FoldedText.of(text);
        var nameFindings = names.find(text, folded);
        all.addAll(nameFindings);
        all.addAll(TextDetectors.emails(text));
        String digits = NumberDetectors.digitised(text);
        all.addAll(NumberDetectors.find(digits));
        // Phones are looked for with the numbers already found blanked out, so that the digits of an
        // IBAN or personnummer are not also read as a phone number.
        all.addAll(TextDetectors.phones(masked(digits, all)));
        all.addAll(TextDetectors.datesOfBirth(digits, nameFindings));
        all.addAll(TextDetectors.addresses(text));
        return merged(text, all);
    }

    private static String masked(String text, List<Finding> findings) {
        char[] chars = text.toCharArray();
        for (Finding f : findings) {
            Arrays.fill(chars, f.start(), f.end(), '_');
        }
        return new String(chars);
    }

    private static List<Finding> merged(String text, List<Finding> all) {
        all.sort(Comparator.comparingInt(Finding::start)
                .thenComparing(Comparator.comparingInt(Finding::length).reversed()));
        var out = new ArrayList<Finding>();
        for (Finding f : all) {
            if (!out.isEmpty() && f.start() < out.getLast().end()) {
                Finding last = out.getLast();
                if (f.end() > last.end()) {
                    // Partly overlapping: one placeholder over both, keyed by what it covers.
                    String covered = text.substring(last.start(), f.end())
                            .replaceAll("\\s+", " ")
                            .toLowerCase(Locale.ROOT);
                    out.set(
                            out.size() - 1,
                            new Finding(last.start(), f.end(), last.type(), last.type() + ":" + covered));
                }
                continue;
            }
            out.add(f);
        }
        return out;
    }

    /** One request's table: key → placeholder, placeholder → original. Not shared between threads. */
    static final class TableSession implements Session {

        private static final Pattern PLACEHOLDER;

        static {
            String types =
                    Arrays.stream(IdentifierType.values()).map(Enum::name).collect(Collectors.joining("|"));
            // The model may drop the brackets or escape the underscore for Markdown (PERSON\_1); a bare
            // "Party 2" is ordinary legal prose and is left alone.
            PLACEHOLDER = Pattern.compile("(?i)\\[\\s*(" + types + ")(?:\\\\?_|\\s|-)?(\\d{1,4})\\s*\\]"
                    + "|(?<![\\p{L}\\p{N}])(" + types + ")\\\\?_(\\d{1,4})(?![\\p{L}\\p{N}])");
        }

        private final NameMatcher names;
        private final Map<String, String> placeholders = new HashMap<>();
        private final Map<String, String> originals = new LinkedHashMap<>();
        private final Map<IdentifierType, Integer> counters = new EnumMap<>(IdentifierType.class);

        TableSession(NameMatcher names) {
            this.names = names;
        }

        @Override
        public Pseudonymisation pseudonymise(String text) {
            var findings = findings(text, names);
            var out = new StringBuilder(text.length());
            int at = 0;
            for (Finding f : findings) {
                out.append(text, at, f.start());
                String original =
                        f.key().startsWith("name:") ? names.original(f.key()) : text.substring(f.start(), f.end());
                String placeholder = placeholders.computeIfAbsent(f.key(), k -> {
                    int n = counters.merge(f.type(), 1, Integer::sum);
                    String p = "[" + f.type().name() + "_" + n + "]";
                    originals.put(p, original);
                    return p;
                });
                out.append(placeholder);
                at = f.end();
            }
            out.append(text, at, text.length());
            return new Pseudonymisation(out.toString(), originals);
        }

        @Override
        public String restore(String text) {
            Matcher m = PLACEHOLDER.matcher(text);
            var out = new StringBuilder(text.length());
            while (m.find()) {
                String type = (m.group(1) != null ? m.group(1) : m.group(3)).toUpperCase(Locale.ROOT);
                String number = m.group(2) != null ? m.group(2) : m.group(4);
                String original = originals.get("[" + type + "_" + Integer.parseInt(number) + "]");
                m.appendReplacement(out, Matcher.quoteReplacement(original != null ? original : m.group()));
            }
            m.appendTail(out);
            return out.toString();
        }

        @Override
        public Map<String, String> originals() {
            return Map.copyOf(originals);
        }
    }
}
