package io.lexvault.access;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds matters and clients for access control without access reading the matters module's tables
 * (that module implements it; docs/adr/0009-access-and-matters-seam.md). Every method answers only
 * what the acting user may see: a wall cannot be put on, or shown for, a matter its author cannot see.
 */
public interface MatterDirectory {

    Optional<MatterRef> visibleMatter(UUID matter);

    Optional<ClientRef> visibleClient(UUID client);

    /** Those of these matters the acting user may see, by id: one read where {@link #visibleMatter} is one each. */
    Map<UUID, MatterRef> visibleMatters(Collection<UUID> matters);

    /** The matter's number, title and client, for the walls page. */
    Optional<MatterListing> visibleListing(UUID matter);

    /**
     * The listings of those of these matters the acting user may see, by id: one read for a page of
     * search results or facets, where {@link #visibleListing} would be one per matter.
     */
    Map<UUID, MatterListing> visibleListings(Collection<UUID> matters);

    /** Every matter the acting user may see, in the matters list's default order. */
    List<MatterListing> visibleMatters();

    /** Every client the acting user may see, in the clients list's order. */
    List<ClientRef> visibleClients();
}
