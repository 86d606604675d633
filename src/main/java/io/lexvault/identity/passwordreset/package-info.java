/** Forgotten passwords: the reset link mailed to a user and the page that sets a new password. */
@NullMarked
package io.lexvault.identity.passwordreset;

import org.jspecify.annotations.NullMarked;
