/** Data export, account and firm deletion, share links, retention schedules and legal holds. */
@NullMarked
@ApplicationModule(
        allowedDependencies = {"tenancy", "identity", "access", "matters", "documents", "audit", "crypto", "web"})
package io.lexvault.privacy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
