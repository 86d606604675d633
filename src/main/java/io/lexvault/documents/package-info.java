/** Uploads, versions, text extraction, blob storage and classification labels. */
@NullMarked
@ApplicationModule(
        allowedDependencies = {"tenancy", "identity", "access", "matters", "crypto", "storage", "audit", "web", "text"})
package io.lexvault.documents;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
