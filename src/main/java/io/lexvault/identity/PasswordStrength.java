package io.lexvault.identity;

import java.util.List;

/**
 * How strong a candidate password is, for the meter shown while typing.
 *
 * @param score 0 (guessed at once) to 4 (very hard to guess), zxcvbn's scale
 * @param acceptable whether the policy would accept it
 * @param problems why the policy would refuse it, for the user to read
 * @param suggestions how to make it stronger
 */
public record PasswordStrength(int score, boolean acceptable, List<String> problems, List<String> suggestions) {

    public PasswordStrength {
        problems = List.copyOf(problems);
        suggestions = List.copyOf(suggestions);
    }

    public String label() {
        return switch (score) {
            case 0, 1 -> "very weak";
            case 2 -> "weak";
            case 3 -> "good";
            default -> "strong";
        };
    }
}
