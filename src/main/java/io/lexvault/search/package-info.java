/** Chunking, full-text and vector index, hybrid ranking: always inside the caller's access. */
@NullMarked
@ApplicationModule(allowedDependencies = {"tenancy", "access", "matters", "documents", "web"})
package io.lexvault.search;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
