/** LLM providers, retrieval-augmented answers with citations, guardrails and pseudonymisation. */
@NullMarked
@ApplicationModule(allowedDependencies = {"tenancy", "access", "matters", "search", "audit", "web"})
package io.lexvault.assistant;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
