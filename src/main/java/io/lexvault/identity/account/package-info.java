/** The signed-in user's account page (password, e-mail verification, sessions), the administrators' users page and `/api/v1/me`. */
@NullMarked
package io.lexvault.identity.account;

import org.jspecify.annotations.NullMarked;
