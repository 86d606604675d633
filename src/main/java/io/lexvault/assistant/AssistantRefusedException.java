package io.lexvault.assistant;

import io.lexvault.web.Refusal;

/**
 * A question the assistant will not answer, with why in words the asker can act on (never their
 * question): a malformed question (400), a policy that switches the assistant off for this matter or
 * person, or a question flagged as a prompt injection (403, the rule or reason named), a spent token
 * budget (429), a provider that cannot answer now (503, its own message).
 */
public class AssistantRefusedException extends Refusal {

    /** What kind of refusal, for the audit event and the page. */
    public enum Kind {
        INVALID_QUESTION,
        POLICY,
        INJECTION,
        BUDGET,
        NO_PSEUDONYMISER,
        NO_DETECTOR,
        PROVIDER_UNAVAILABLE
    }

    private final Kind kind;

    AssistantRefusedException(Kind kind, Reason reason, String sentence) {
        super(reason, sentence);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
