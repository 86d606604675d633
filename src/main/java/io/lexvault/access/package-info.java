/** The permission catalogue, built-in and custom roles, matter teams and ethical walls. */
@NullMarked
@ApplicationModule(allowedDependencies = {"tenancy", "identity", "audit", "mail", "web", "text"})
package io.lexvault.access;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
