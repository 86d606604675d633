package io.lexvault.matters.parties;

import io.lexvault.matters.MatterId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Someone or something a matter concerns, as those who may see the matter see it. */
public record Party(
        PartyId id,
        MatterId matter,
        String name,
        PartyKind kind,
        PartyRole role,
        @Nullable String notes,
        @Nullable UUID addedBy,
        Instant addedAt) {}
