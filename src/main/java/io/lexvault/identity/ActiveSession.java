package io.lexvault.identity;

import java.time.Instant;

/**
 * One signed-in session of a user, as the account page lists it.
 *
 * @param handle names the session for "sign out" without revealing its id (the id is a bearer secret)
 */
public record ActiveSession(
        String handle, Instant signedInAt, Instant lastSeenAt, String address, String device, boolean current) {}
