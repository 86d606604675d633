-- Parties on a matter and conflict checks across the whole firm.
--
-- Conflict checks compare names by trigram similarity (pg_trgm) after folding diacritics (unaccent).
-- Both are "trusted" extensions (PostgreSQL 13+): the owner role, which owns the database and runs the
-- migrations, may create them without being a superuser. They go into the lexvault schema, which only
-- our roles may use, so nothing outside it comes to depend on them.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA lexvault;
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA lexvault;

-- The form of a name that conflict checks compare: diacritics folded (Müller -> muller, Ærø -> aero),
-- case folded, punctuation and runs of white space made one space, and common legal-form words
-- (GmbH, Ltd, Inc, ...) left out, so that "Müller GmbH" and "MULLER Ltd." meet and two unrelated
-- companies do not look alike through their shared "GmbH". A name that is nothing but such words is
-- kept as it is. IMMUTABLE so that it can be indexed: unaccent() itself is only STABLE because its
-- dictionary could be changed; it is named here with schema and dictionary, so this function does not
-- depend on any search_path, and is written as one SQL expression so PostgreSQL can inline it.
CREATE FUNCTION lexvault.conflict_name(p_name text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$
        SELECT coalesce(
                   nullif(btrim(regexp_replace(
                       regexp_replace(folded,
                           '(^| )(gmbh|mbh|ag|kg|kgaa|ohg|gbr|ug|ev|se|ltd|limited|llc|llp|lp|plc|pllc|inc'
                           '|incorporated|corp|corporation|co|company|sa|sas|sarl|srl|spa|bv|nv|oy|ab|aps)(?= |$)',
                           ' ', 'g'),
                       ' +', ' ', 'g')), ''),
                   folded)
          FROM (SELECT btrim(regexp_replace(
                           lower(lexvault.unaccent('lexvault.unaccent'::regdictionary, p_name)),
                           '[[:space:][:punct:]]+', ' ', 'g')) AS folded) AS f
    $$;
-- Writes to clients and matter_parties compute it for the indexes below, as the writing role.
GRANT EXECUTE ON FUNCTION lexvault.conflict_name(text) TO ${appRole};

-- Anyone and anything a matter concerns: the client (as a party), the other side and their counsel,
-- witnesses, experts. client_id is the matter's client (checked by the foreign key), so that the
-- matter wall can screen a row by its client without reading matters (no policy recursion).
CREATE TABLE lexvault.matter_parties (
    tenant_id  uuid        NOT NULL,
    id         uuid        NOT NULL,
    matter_id  uuid        NOT NULL,
    client_id  uuid        NOT NULL,
    name       text        NOT NULL CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    kind       text        NOT NULL CHECK (kind IN ('person', 'organisation')),
    role       text        NOT NULL CHECK (role IN ('client', 'opposing_party', 'opposing_counsel', 'witness',
                                                    'expert', 'other')),
    notes      text        CHECK (char_length(notes) <= 2000),
    added_by   uuid,
    added_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, matter_id, client_id) REFERENCES lexvault.matters (tenant_id, id, client_id)
        ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX matter_parties_by_matter ON lexvault.matter_parties (tenant_id, matter_id, name);
-- Conflict checks: trigram search on the folded name, for clients and parties alike.
CREATE INDEX matter_parties_conflict_name ON lexvault.matter_parties
    USING gin (lexvault.conflict_name(name) lexvault.gin_trgm_ops);
CREATE INDEX clients_conflict_name ON lexvault.clients
    USING gin (lexvault.conflict_name(name) lexvault.gin_trgm_ops);
SELECT lexvault.enable_tenant_rls('lexvault.matter_parties');
SELECT lexvault.enable_matter_wall('lexvault.matter_parties', 'matter_id', 'client_id');
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.matter_parties TO ${appRole};

-- A conflict check saved on a matter (typically a new one, before it is taken on): the names searched,
-- the settings and what was found, exactly as the check answered it (matter numbers, roles, scores).
-- Bound to a matter, so behind its wall like the matter itself.
CREATE TABLE lexvault.conflict_reports (
    tenant_id  uuid        NOT NULL,
    id         uuid        NOT NULL,
    matter_id  uuid        NOT NULL,
    client_id  uuid        NOT NULL,
    terms      text[]      NOT NULL CHECK (cardinality(terms) BETWEEN 1 AND 20),
    threshold  real        NOT NULL CHECK (threshold BETWEEN 0.2 AND 1),
    hits       jsonb       NOT NULL CHECK (jsonb_typeof(hits) = 'array'),
    checked_by uuid,
    checked_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, matter_id, client_id) REFERENCES lexvault.matters (tenant_id, id, client_id)
        ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX conflict_reports_by_matter ON lexvault.conflict_reports (tenant_id, matter_id, checked_at);
SELECT lexvault.enable_tenant_rls('lexvault.conflict_reports');
SELECT lexvault.enable_matter_wall('lexvault.conflict_reports', 'matter_id', 'client_id');
GRANT SELECT, INSERT ON lexvault.conflict_reports TO ${appRole};

-- The conflict check. A conflict must be found wherever it is, behind an ethical wall and outside the
-- checker's teams too, and row-level security hides exactly those rows from the runtime role; so the
-- search runs in this definer function (the owner role: the tenant policy still applies, the matter
-- walls, which are for the runtime role, do not). What it may do is narrow:
-- - the BOUND firm only (no firm argument; without a bound firm and an acting user who holds
--   conflicts.check in the database it refuses);
-- - it answers per hit only which searched name matched (its position), whether a client or a party
--   matched, the matter's number (NULL for a client without matters), the party's role ('client' for
--   a client) and the score: never a name, a title or anything else of a matter, so that a check run
--   by someone a wall screens tells them that a conflict exists and where to ask, nothing more;
-- - at most 20 names of at most 200 characters, a threshold from 0.2 to 1 and at most 500 hits.
-- The score is the better of trigram similarity and word similarity of the folded names (the
-- searched name found inside a longer one, "Müller" in "Hans Müller", counts too).
-- A hit on a matter (or client) the acting user may not see (a wall screens them, or they are not on
-- its team and lack matters.read.all: the same rule as the matter wall) gets its score as a band
-- only, rounded down to 0.9, 0.75, 0.5, 0.3 or 0.2, with exact = false; the threshold, the order and
-- the limit apply to that band, never to the exact value. Otherwise someone screened could run
-- candidate names (or the same name at stepped thresholds) and read off how exactly each fits a
-- walled party, and so rebuild the names behind the wall. Hits they may see keep the exact score.
CREATE FUNCTION lexvault.conflict_check_hits(p_names text[], p_threshold real, p_limit integer)
    RETURNS TABLE (term integer, hit_kind text, matter_number text, party_role text, score real, exact boolean)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = lexvault, pg_temp
    -- Restored when the function returns (the set_config calls below change them for its duration only).
    SET pg_trgm.similarity_threshold = 0.3
    SET pg_trgm.word_similarity_threshold = 0.6
    AS $$
DECLARE
    v_tenant uuid := lexvault.current_tenant_id();
BEGIN
    IF v_tenant IS NULL OR lexvault.current_user_id() IS NULL
            OR NOT lexvault.acting_user_holds('conflicts.check') THEN
        RAISE EXCEPTION 'conflict_check_hits needs a bound firm and an acting user who holds conflicts.check'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_names IS NULL OR cardinality(p_names) NOT BETWEEN 1 AND 20
            OR EXISTS (SELECT 1 FROM unnest(p_names) AS n(name)
                        WHERE name IS NULL OR char_length(btrim(name)) NOT BETWEEN 1 AND 200)
            OR p_threshold IS NULL OR p_threshold NOT BETWEEN 0.2 AND 1
            OR p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 500 THEN
        RAISE EXCEPTION 'conflict_check_hits: 1 to 20 names of 1 to 200 characters, threshold 0.2 to 1, limit 1 to 500'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM set_config('pg_trgm.similarity_threshold', p_threshold::text, true);
    PERFORM set_config('pg_trgm.word_similarity_threshold', p_threshold::text, true);
    RETURN QUERY
        WITH searched AS (
            SELECT s.ord::integer AS term, lexvault.conflict_name(s.name) AS q
              FROM unnest(p_names) WITH ORDINALITY AS s(name, ord)
        ),
        client_hits AS (
            SELECT s.term, c.id AS client_id,
                   greatest(similarity(s.q, lexvault.conflict_name(c.name)),
                            word_similarity(s.q, lexvault.conflict_name(c.name))) AS score
              FROM searched s
              JOIN lexvault.clients c
                ON c.tenant_id = v_tenant
               AND (lexvault.conflict_name(c.name) % s.q OR s.q <% lexvault.conflict_name(c.name))
        ),
        party_hits AS (
            SELECT s.term, p.matter_id, p.role,
                   greatest(similarity(s.q, lexvault.conflict_name(p.name)),
                            word_similarity(s.q, lexvault.conflict_name(p.name))) AS score
              FROM searched s
              JOIN lexvault.matter_parties p
                ON p.tenant_id = v_tenant
               AND (lexvault.conflict_name(p.name) % s.q OR s.q <% lexvault.conflict_name(p.name))
        ),
        hits AS (
            SELECT h.term, 'client'::text AS hit_kind, m.number AS matter_number, 'client'::text AS party_role,
                   h.score,
                   CASE WHEN m.id IS NULL
                        THEN NOT (h.client_id = ANY (lexvault.acting_user_screened_clients()))
                        ELSE lexvault.acting_user_may_see_matter(m.id, m.client_id) END AS visible
              FROM client_hits h
              LEFT JOIN lexvault.matters m ON m.tenant_id = v_tenant AND m.client_id = h.client_id
            UNION ALL
            SELECT h.term, 'party', m.number, h.role, h.score,
                   lexvault.acting_user_may_see_matter(m.id, m.client_id)
              FROM party_hits h
              JOIN lexvault.matters m ON m.tenant_id = v_tenant AND m.id = h.matter_id
        ),
        grouped AS (
            SELECT h.term, h.hit_kind, h.matter_number, h.party_role, max(h.score) AS score,
                   bool_and(h.visible) AS visible
              FROM hits h
             GROUP BY h.term, h.hit_kind, h.matter_number, h.party_role
        ),
        answered AS (
            SELECT g.term, g.hit_kind, g.matter_number, g.party_role, g.visible,
                   CASE WHEN g.visible THEN g.score
                        WHEN g.score >= 0.9 THEN 0.9
                        WHEN g.score >= 0.75 THEN 0.75
                        WHEN g.score >= 0.5 THEN 0.5
                        WHEN g.score >= 0.3 THEN 0.3
                        ELSE 0.2 END AS score
              FROM grouped g
        )
        SELECT a.term, a.hit_kind, a.matter_number, a.party_role, a.score::real, a.visible
          FROM answered a
         WHERE a.score >= p_threshold
         ORDER BY a.score DESC, a.term, a.matter_number NULLS FIRST, a.hit_kind, a.party_role
         LIMIT p_limit;
END
$$;
REVOKE ALL ON FUNCTION lexvault.conflict_check_hits(text[], real, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.conflict_check_hits(text[], real, integer) TO ${appRole};
