package io.lexvault.matters;

import java.time.Instant;

/** A matter as its viewers see it (the matters issue adds status, parties and more). */
public record Matter(MatterId id, ClientId client, String clientName, String number, String title, Instant createdAt) {}
