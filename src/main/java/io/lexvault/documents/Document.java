package io.lexvault.documents;

import io.lexvault.matters.MatterId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A document as its viewers see it: metadata only, its content lives in its versions. */
public record Document(
        DocumentId id,
        MatterId matter,
        String title,
        @Nullable String description,
        Classification classification,
        int currentVersion,
        Instant createdAt,
        Instant updatedAt) {}
