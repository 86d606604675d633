/** Conflict checks over the firm's parties and clients, saved reports and their throttle; internal to matters. */
@NullMarked
package io.lexvault.matters.conflicts;

import org.jspecify.annotations.NullMarked;
