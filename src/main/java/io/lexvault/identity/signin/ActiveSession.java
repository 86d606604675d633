package io.lexvault.identity.signin;

import java.time.Instant;

/**
 * One signed-in session of a user, as the account page lists it.
 *
 * @param handle names the session for "sign out" without revealing its id (the id is a bearer secret)
 */
record ActiveSession(
        String handle, Instant signedInAt, Instant lastSeenAt, String address, String device, boolean current) {}
