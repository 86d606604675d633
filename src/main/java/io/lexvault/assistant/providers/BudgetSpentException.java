package io.lexvault.assistant.providers;

/** The firm's or the user's token budget for this month is spent (HTTP 429; the message says which). */
public class BudgetSpentException extends RuntimeException {

    public BudgetSpentException(String message) {
        super(message);
    }
}
