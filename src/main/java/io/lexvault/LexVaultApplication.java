package io.lexvault;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The LexVault application: a modular monolith, one module per top-level package (see
 * ARCHITECTURE.md §2). Started through {@link LexVaultCli}, which prepares the database first.
 */
// No in-memory fallback user: Spring Boot would otherwise create one and log its password.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
// Scheduling is switched on once, here, for every module's @Scheduled jobs (audit sequencing and
// checkpoint uploads, mail delivery, sign-up and reset clean-up).
@EnableScheduling
public class LexVaultApplication {}
