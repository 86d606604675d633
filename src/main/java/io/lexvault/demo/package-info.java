/**
 * {@code lexvault demo}: the server on localhost with a demo firm, its people, clients, matters, an
 * ethical wall and documents, seeded once and kept between runs.
 */
@NullMarked
@ApplicationModule(
        allowedDependencies = {
            "cli",
            "database",
            "tenancy",
            "identity",
            "access",
            "matters",
            "matters :: clients",
            "matters :: parties",
            "documents",
            "crypto",
            "search"
        })
package io.lexvault.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
