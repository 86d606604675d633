package io.lexvault.documents;

import io.lexvault.tenancy.TenantId;

/**
 * A version was stored (a new document or a new version), published in the upload's transaction and
 * delivered after its commit through the event publication registry, so a listener (search) hears of
 * it even across a crash. Ids only: every firm's events share the registry's table.
 */
public record DocumentVersionStored(TenantId firm, DocumentId document, int version) {}
