package io.lexvault.assistant.providers;

/** Monthly token budgets per firm and per user (current firm and user from the request's context). */
public interface TokenBudgets {

    /** @throws BudgetSpentException when the firm's or the user's budget for this month is spent */
    void checkAvailable();

    /** Adds what an answer cost to this month's spending of the firm and the user. */
    void record(int promptTokens, int answerTokens);
}
