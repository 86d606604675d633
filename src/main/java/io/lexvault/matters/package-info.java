/** Clients, matters, parties and conflict checks. */
@NullMarked
@ApplicationModule(allowedDependencies = {"tenancy", "identity", "access", "audit", "web", "text"})
package io.lexvault.matters;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
