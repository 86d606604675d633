package io.lexvault.documents;

import io.lexvault.matters.ClientId;
import io.lexvault.matters.MatterId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A document as its viewers see it: metadata only, its content lives in its versions. The client is
 * its matter's, carried so that every audit event about the document names both (ethical walls).
 */
public record Document(
        DocumentId id,
        MatterId matter,
        ClientId client,
        String title,
        @Nullable String description,
        Classification classification,
        int currentVersion,
        Instant createdAt,
        Instant updatedAt) {}
