package io.lexvault.documents;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One stored version of a document.
 *
 * @param sha256 hex SHA-256 of the plaintext, checked on every download
 * @param mediaType the type detected from the content when it was uploaded
 * @param fileName the sanitised name it was uploaded under, with an extension matching its type
 */
public record DocumentVersion(
        int version,
        long size,
        String sha256,
        String mediaType,
        String fileName,
        java.util.@Nullable UUID uploadedBy,
        Instant uploadedAt) {}
