package io.lexvault.identity;

import com.nulabinc.zxcvbn.Pattern;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The password rules of OWASP ASVS 5.0 V6: at least 12 and at most 128 characters, every Unicode
 * character allowed and nothing truncated; not one of the most common passwords, not guessable
 * from the user's e-mail address or the firm's name. No composition rules (they make passwords
 * harder to remember, not to guess).
 *
 * <p>Guessability comes from zxcvbn (Dropbox's estimator, Java port): its dictionary of the
 * 30,000 most common leaked passwords, including l33t and reversed spellings, and its score.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    /** zxcvbn score 3: about 10^8 guesses or more, "safely unguessable" for online attacks. */
    static final int MIN_SCORE = 3;

    private final Zxcvbn zxcvbn = new Zxcvbn();

    /** The reasons {@code password} is refused for this account; empty when it is acceptable. */
    public List<String> problems(String password, String email, String firmName) {
        return evaluate(password, email, firmName).problems();
    }

    /** Refuses a password that breaks the policy. */
    public void check(String password, String email, String firmName) {
        List<String> problems = problems(password, email, firmName);
        if (!problems.isEmpty()) {
            throw new PasswordRejectedException(problems);
        }
    }

    /** The strength meter's reading, with the same verdict as {@link #check}. */
    public PasswordStrength evaluate(String password, String email, String firmName) {
        String normalized = Normalizer.normalize(password, Normalizer.Form.NFKC);
        int length = normalized.codePointCount(0, normalized.length());
        var problems = new ArrayList<String>();
        if (length < MIN_LENGTH) {
            problems.add("Use at least " + MIN_LENGTH + " characters.");
        }
        if (length > MAX_LENGTH) {
            problems.add("Use at most " + MAX_LENGTH + " characters.");
            // Too long to measure usefully, and measuring costs time per character.
            return new PasswordStrength(0, false, problems, List.of());
        }
        String folded = fold(normalized);
        String localPart = fold(email.contains("@") ? email.substring(0, email.indexOf('@')) : email);
        if (!email.isBlank()
                && (folded.contains(fold(email)) || localPart.length() >= 3 && folded.contains(localPart))) {
            problems.add("Do not use your e-mail address in your password.");
        }
        String firm = fold(firmName);
        if (firm.length() >= 3 && folded.contains(firm)) {
            problems.add("Do not use the firm's name in your password.");
        }
        var strength = zxcvbn.measure(normalized, List.of(email, localPart, firmName));
        var sequence = strength.getSequence();
        boolean common = sequence.size() == 1
                && sequence.getFirst().pattern == Pattern.Dictionary
                && "passwords".equals(sequence.getFirst().dictionaryName);
        if (common) {
            problems.add("This is one of the most commonly used passwords.");
        } else if (strength.getScore() < MIN_SCORE && length >= MIN_LENGTH) {
            String warning = strength.getFeedback().getWarning(Locale.ENGLISH);
            problems.add("This password is too easy to guess."
                    + (warning == null || warning.isBlank() ? "" : " " + warning));
        }
        var suggestions = strength.getFeedback().getSuggestions(Locale.ENGLISH);
        int score = problems.isEmpty() ? strength.getScore() : Math.min(strength.getScore(), 2);
        return new PasswordStrength(score, problems.isEmpty(), problems, suggestions);
    }

    /** Case, accents and separators do not make a password different enough. */
    private static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        return decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
