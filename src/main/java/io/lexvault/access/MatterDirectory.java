package io.lexvault.access;

import java.util.Optional;
import java.util.UUID;

/**
 * Finds matters and clients for access control without access reading the matters module's tables
 * (that module implements it). Both answer only what the acting user may see: a wall cannot be put
 * on, or shown for, a matter its author cannot see.
 */
public interface MatterDirectory {

    Optional<MatterRef> visibleMatter(UUID matter);

    Optional<ClientRef> visibleClient(UUID client);
}
