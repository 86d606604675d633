/**
 * Planned, not built yet: data export, account and firm deletion, share links, retention schedules
 * and legal holds. An empty module today, declared so that its dependencies are fixed in advance.
 */
@NullMarked
@ApplicationModule(
        allowedDependencies = {"tenancy", "identity", "access", "matters", "documents", "audit", "crypto", "web"})
package io.lexvault.privacy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
