package io.lexvault.access;

import java.util.UUID;

/**
 * A matter as the walls page names it: number, title and client name. Supplied by the matters module
 * through {@link MatterDirectory}, for matters the acting user may see only.
 */
public record MatterListing(UUID id, String number, String title, String clientName) {}
