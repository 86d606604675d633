package io.lexvault.access;

import java.util.UUID;

/**
 * A matter as access control needs it: its id, its client (a wall may screen a whole client) and its
 * number (the one thing a screened person's notice names). The matters module supplies it.
 */
public record MatterRef(UUID id, UUID client, String number) {}
