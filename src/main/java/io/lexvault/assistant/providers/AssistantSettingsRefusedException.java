package io.lexvault.assistant.providers;

import io.lexvault.web.Refusal;

/** Assistant settings that cannot be saved; the sentence names the field and why, never the value. */
public class AssistantSettingsRefusedException extends Refusal {

    AssistantSettingsRefusedException(String sentence) {
        super(Reason.INVALID, sentence);
    }
}
