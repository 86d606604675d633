/**
 * A matter's documents: uploads streamed, checked for their type by content and encrypted into blobs,
 * versions, downloads verified on the way out, classification labels, and the sweeper of orphaned blobs.
 */
@NullMarked
@ApplicationModule(
        allowedDependencies = {"tenancy", "identity", "access", "matters", "crypto", "storage", "audit", "web", "text"})
package io.lexvault.documents;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
