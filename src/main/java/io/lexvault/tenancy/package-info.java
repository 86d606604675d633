/** Firms (tenants), the per-request tenant context, and the row-level security it drives. */
@NullMarked
@ApplicationModule(allowedDependencies = {"text"})
package io.lexvault.tenancy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
