/** Uploads, versions, text extraction, blob storage and classification labels. */
@NullMarked
@ApplicationModule(allowedDependencies = {"tenancy", "access", "matters", "crypto", "audit", "web"})
package io.lexvault.documents;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
