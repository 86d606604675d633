/** Signing in: the security filter chain, password and passkey sign-in, the second-factor and confirm-identity steps, throttling and sessions. */
@NullMarked
package io.lexvault.identity.signin;

import org.jspecify.annotations.NullMarked;
