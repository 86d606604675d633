/** Outgoing e-mail: an outbox table per firm, delivered after commit by SMTP (or to .eml files in the demo). */
@NullMarked
@ApplicationModule(allowedDependencies = {"tenancy"})
package io.lexvault.mail;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
