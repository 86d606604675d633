/**
 * The AI assistant: answers about one matter's documents, retrieved only through the search module's
 * walled path, with every citation verified and a signed receipt of what each answer was built from.
 *
 * <p>Parts: {@code guard} (prompt-injection detection on questions and passages), {@code pseudonyms}
 * (identifiers replaced before anything leaves for an external provider), {@code providers} (the
 * offline answerer's alternatives: Anthropic and OpenAI-compatible models, per-firm settings, policy
 * and token budgets), and the pipeline that joins them.
 */
@NullMarked
@ApplicationModule(
        allowedDependencies = {
            "tenancy",
            "identity",
            "access",
            "matters",
            "matters :: parties",
            "documents",
            "search",
            "crypto",
            "audit",
            "web",
            "text"
        })
package io.lexvault.assistant;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
