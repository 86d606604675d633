/** API keys as a way to sign in: the bearer-token filter and the page where users manage their keys (the keys themselves are {@link io.lexvault.identity.ApiKeys}). */
@NullMarked
package io.lexvault.identity.apikeys;

import org.jspecify.annotations.NullMarked;
