package io.lexvault.identity;

import java.util.List;

/** A new password broke the password policy; {@link #problems()} says how, for the user to read. */
public class PasswordRejectedException extends RuntimeException {

    private final List<String> problems;

    public PasswordRejectedException(List<String> problems) {
        super(String.join(" ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
