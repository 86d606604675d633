/** Signing in through a firm's OpenID Connect provider (the provider's configuration is {@link io.lexvault.identity.SingleSignOn}). */
@NullMarked
package io.lexvault.identity.sso;

import org.jspecify.annotations.NullMarked;
