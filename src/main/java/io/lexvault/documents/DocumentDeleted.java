package io.lexvault.documents;

import io.lexvault.tenancy.TenantId;

/** A document was deleted with all its versions, published in the deleting transaction (ids only). */
public record DocumentDeleted(TenantId firm, DocumentId document) {}
