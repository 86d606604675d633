/** Checks shared by the matters features; internal to matters. */
@NullMarked
package io.lexvault.matters.internal;

import org.jspecify.annotations.NullMarked;
