/**
 * Planned, not built yet: chunking, a full-text and vector index and hybrid ranking, always inside
 * the caller's access. An empty module today, declared so that its dependencies are fixed in
 * advance.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"tenancy", "access", "matters", "documents", "web"})
package io.lexvault.search;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
