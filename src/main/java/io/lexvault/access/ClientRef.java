package io.lexvault.access;

import java.util.UUID;

/** A client as a client-wide wall needs it; supplied by the matters module. */
public record ClientRef(UUID id, String name) {}
