package io.lexvault.documents;

import io.lexvault.tenancy.TenantId;

/** A document's classification label changed, published in the changing transaction; {@code version} is its current one. */
public record DocumentClassificationChanged(
        TenantId firm, DocumentId document, int version, Classification classification) {}
