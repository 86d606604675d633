package io.lexvault.assistant.guard;

/**
 * Tells whether a text (a question, or a passage retrieved for one) tries to steer the model. Thread
 * safe; no network; never logs the text.
 */
public interface InjectionDetector {

    InjectionVerdict inspect(String text);
}
