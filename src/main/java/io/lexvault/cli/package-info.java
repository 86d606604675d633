/**
 * The {@code lexvault} operator commands ({@code serve}, {@code admin}, {@code audit}, {@code keys},
 * {@code firm}, {@code search}, {@code assistant}): thin picocli adapters over the modules' APIs, and starting the application for them.
 */
@NullMarked
@ApplicationModule(
        allowedDependencies = {
            "database",
            "tenancy",
            "identity",
            "access",
            "access :: roles",
            "crypto",
            "audit",
            "storage",
            "search",
            "assistant :: receipts"
        })
package io.lexvault.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
