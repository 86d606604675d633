/**
 * Search of a firm's documents, always inside the caller's access: each stored version's text
 * extracted ({@code extraction}), chunked ({@code chunking}), stored encrypted in PostgreSQL under the
 * matter wall and indexed in the firm's own Lucene index ({@code index}); queries restricted to the
 * matters the caller may see at that moment and every hit re-read from PostgreSQL as the caller.
 * The base package is the module's API: {@link io.lexvault.search.DocumentSearch} (queries), {@link
 * io.lexvault.search.SearchIndexing} (ingestion, reindexing) and their records.
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
            "crypto",
            "audit",
            "web",
            "text"
        })
package io.lexvault.search;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
