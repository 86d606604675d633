/**
 * Planned, not built yet: LLM providers, retrieval-augmented answers with citations, guardrails and
 * pseudonymisation. An empty module today, declared so that its dependencies are fixed in advance.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"tenancy", "access", "matters", "search", "audit", "web"})
package io.lexvault.assistant;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
