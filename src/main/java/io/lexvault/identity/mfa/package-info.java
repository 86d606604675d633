/** Second factors: TOTP, backup codes and passkeys, their enrolment page and the checks sign-in asks them for. */
@NullMarked
package io.lexvault.identity.mfa;

import org.jspecify.annotations.NullMarked;
