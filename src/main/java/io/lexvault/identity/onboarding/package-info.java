/** Getting into a firm: self-service sign-up of a new firm and invitations of users into an existing one. */
@NullMarked
package io.lexvault.identity.onboarding;

import org.jspecify.annotations.NullMarked;
