package io.lexvault.assistant.providers;

import io.lexvault.web.Refusal;

/**
 * The firm's or the user's token budget for this month is spent (HTTP 429; the message says which). A
 * {@link Refusal}, so the one error mapping at the edge answers it (problem details for the API, the
 * error page for browsers) with this sentence.
 */
public class BudgetSpentException extends Refusal {

    public BudgetSpentException(String message) {
        super(Reason.TOO_MANY, message);
    }
}
