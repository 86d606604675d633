package io.lexvault.matters;

import io.lexvault.identity.UserId;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A matter as its viewers see it (parties and documents live elsewhere). */
public record Matter(
        MatterId id,
        ClientId client,
        String clientName,
        String number,
        String title,
        @Nullable String description,
        MatterStatus status,
        @Nullable String practiceArea,
        @Nullable UserId responsibleAttorney,
        LocalDate openedOn,
        @Nullable LocalDate closedOn,
        Instant createdAt) {}
