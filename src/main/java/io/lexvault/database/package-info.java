/**
 * Database bootstrap: finding PostgreSQL (configured, local or embedded), preparing the database and
 * its roles as the administrator, and the runtime role's login the application then connects with.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"crypto"})
package io.lexvault.database;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
