/** What several identity feature packages share (the users table, security events, notices, keyed hashes, one-time links, properties); public for Java, closed to other modules. */
@NullMarked
package io.lexvault.identity.internal;

import org.jspecify.annotations.NullMarked;
