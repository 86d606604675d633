/** The key hierarchy, envelope and field encryption (Tink), key rotation and crypto-shredding. */
@NullMarked
@ApplicationModule(allowedDependencies = {"tenancy"})
package io.lexvault.crypto;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
