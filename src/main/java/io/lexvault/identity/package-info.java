/** Accounts, passwords, sessions, MFA (TOTP, passkeys, backup codes), e-mail verification, API keys and SSO. */
@NullMarked
@ApplicationModule(allowedDependencies = {"tenancy", "crypto", "mail", "web", "text"})
package io.lexvault.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
