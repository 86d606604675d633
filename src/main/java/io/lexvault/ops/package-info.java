/** Running LexVault: database discovery and provisioning, the embedded PostgreSQL, backups, health, doctor. */
@NullMarked
@ApplicationModule(allowedDependencies = {"tenancy", "crypto", "audit", "web"})
package io.lexvault.ops;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
