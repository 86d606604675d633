/** The append-only audit ledger: hash chain, Merkle checkpoints, signatures and verification. */
@NullMarked
@ApplicationModule(allowedDependencies = {"tenancy", "identity", "crypto", "mail", "storage", "web"})
package io.lexvault.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
