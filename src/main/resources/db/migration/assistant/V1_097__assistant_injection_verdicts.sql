-- Assistant, injection defence (ADR 0018, "verdicts stored per chunk"): the ingestion scan now records
-- its verdict for EVERY chunk it inspects, not only the flagged ones, so that a question after a restart
-- reads a passage's verdict back by chunk id instead of running the embedding model over it again (the
-- in-memory verdicts are empty after a restart: 0.4 s for 20 passages on an idle machine, seconds on a
-- busy one). Still classes, chunk, score and detector only, never text; a clean chunk has no classes.
--
-- A passage reaches the model under a header (the document's title and the chunk's heading path), which
-- is inspected too. The scan records the header's verdict as well, with a keyed hash of the header it
-- inspected (HMAC under the firm's `hashes` key, io.lexvault.crypto.KeyedHashes: confirmable only by
-- someone holding both the key and the header, unreadable after crypto-shredding); a question uses that
-- verdict only when the passage's header today hashes the same (a renamed document's is inspected again).
--
-- `detector` names the weights AND the rules that produced the verdict; a verdict from another
-- detector is ignored at question time (the passage is inspected again), so new weights or rules never
-- trust an old "clean". Everything else (cascades from the chunk and the version, forced RLS, the matter
-- wall, the grants) follows the table through the rename.

ALTER TABLE lexvault.assistant_injection_flags RENAME TO assistant_injection_verdicts;
ALTER INDEX lexvault.assistant_injection_flags_by_document RENAME TO assistant_injection_verdicts_by_document;
ALTER TABLE lexvault.assistant_injection_verdicts RENAME CONSTRAINT assistant_injection_flags_pkey
    TO assistant_injection_verdicts_pkey;
ALTER TABLE lexvault.assistant_injection_verdicts RENAME COLUMN flagged_at TO scanned_at;
ALTER TABLE lexvault.assistant_injection_verdicts
    DROP CONSTRAINT assistant_injection_flags_classes_check,
    ADD CONSTRAINT assistant_injection_verdicts_classes_check CHECK (cardinality(classes) <= 6 AND classes <@ ARRAY[
        'INSTRUCTION_OVERRIDE', 'ROLE_IMPERSONATION', 'DATA_EXFILTRATION', 'TOOL_HIJACKING',
        'OBFUSCATION', 'MULTILINGUAL']::text[]),
    ADD COLUMN header_classes text[] NOT NULL DEFAULT '{}' CHECK (cardinality(header_classes) <= 6
        AND header_classes <@ ARRAY['INSTRUCTION_OVERRIDE', 'ROLE_IMPERSONATION', 'DATA_EXFILTRATION',
                                    'TOOL_HIJACKING', 'OBFUSCATION', 'MULTILINGUAL']::text[]),
    ADD COLUMN header_score double precision CHECK (header_score >= 0 AND header_score <= 1),
    ADD COLUMN header_mac bytea CHECK (octet_length(header_mac) BETWEEN 16 AND 64),
    ADD CONSTRAINT assistant_injection_verdicts_header_check
        CHECK ((header_score IS NULL) = (header_mac IS NULL)),
    ADD COLUMN flagged boolean
        GENERATED ALWAYS AS (cardinality(classes) > 0 OR cardinality(header_classes) > 0) STORED;
