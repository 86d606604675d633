-- Assistant, injection defence (docs/security.md, "AI assistant — injection defence"): the chunks of
-- indexed documents that the injection detector flagged when the document was indexed. Holds the
-- classes, the chunk's id and number and the classifier's score, never text. The documents page reads
-- it (as the person viewing, walled) to mark a document "possible prompt injection: <reason>"; a
-- flagged passage is withheld from the model at question time whatever this table says.
--
-- The rows follow their chunk: re-indexing a version deletes its chunks and so their flags (ON DELETE
-- CASCADE from document_chunks), and a version forgotten or a document deleted takes them too. The
-- matter and client are kept in step with the version's (ON UPDATE CASCADE), so forced row-level
-- security and the matter wall hide another firm's and a walled matter's flags from the runtime role.

CREATE TABLE lexvault.assistant_injection_flags (
    tenant_id    uuid             NOT NULL,
    chunk_id     uuid             NOT NULL,
    document_id  uuid             NOT NULL,
    version      integer          NOT NULL,
    matter_id    uuid             NOT NULL,
    client_id    uuid             NOT NULL,
    chunk_number integer          NOT NULL CHECK (chunk_number >= 0),
    classes      text[]           NOT NULL CHECK (cardinality(classes) BETWEEN 1 AND 6 AND classes <@ ARRAY[
                     'INSTRUCTION_OVERRIDE', 'ROLE_IMPERSONATION', 'DATA_EXFILTRATION', 'TOOL_HIJACKING',
                     'OBFUSCATION', 'MULTILINGUAL']::text[]),
    -- the embedding classifier's probability (0..1), whether or not it alone flagged the chunk
    score        double precision NOT NULL CHECK (score >= 0 AND score <= 1),
    -- the weights file that scored it (e.g. injection-classifier-v1)
    detector     text             NOT NULL CHECK (char_length(detector) BETWEEN 1 AND 100),
    flagged_at   timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, chunk_id),
    FOREIGN KEY (tenant_id, chunk_id) REFERENCES lexvault.document_chunks (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, document_id, version, matter_id, client_id)
        REFERENCES lexvault.search_versions (tenant_id, document_id, version, matter_id, client_id)
        ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX assistant_injection_flags_by_document
    ON lexvault.assistant_injection_flags (tenant_id, document_id, version);
SELECT lexvault.enable_tenant_rls('lexvault.assistant_injection_flags');
SELECT lexvault.enable_matter_wall('lexvault.assistant_injection_flags', 'matter_id', 'client_id');
-- The scan inserts (as a job: the wall has no INSERT policy, the foreign keys tie a flag to its chunk
-- and the chunk's matter); people read, walled; rows go only by cascade.
GRANT SELECT, INSERT ON lexvault.assistant_injection_flags TO ${appRole};
