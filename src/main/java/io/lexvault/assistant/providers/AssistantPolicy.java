package io.lexvault.assistant.providers;

import java.util.UUID;

/** Decides, for the current firm and user, what may answer questions about a matter's documents. */
public interface AssistantPolicy {

    PolicyDecision decide(UUID matterId);
}
