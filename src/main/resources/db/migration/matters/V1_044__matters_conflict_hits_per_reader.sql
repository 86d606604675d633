-- Conflict checks and saved reports answer each hit as the READER may know it (docs/security.md §1,
-- "Parties and conflict checks"):
-- - a hit on a matter (or client) an ethical wall screens the reader from is RESTRICTED: the answer
--   says only that the searched name matched something they are walled from, at most once per name,
--   whatever the threshold; not the matter's number, nor client or party, nor the role, nor the score.
--   V1_032 told them the number, the role and a score band, which is the walled matter's existence,
--   what the name is in it and how alike;
-- - a hit on a matter the reader may see (its team, or matters.read.all), or any hit for a conflicts
--   officer (conflicts.check.all) whom no wall screens from it, in full: number, role, exact score;
-- - any other hit (a matter the reader is not on) as in V1_032: number, role and the score's band, with
--   the threshold, order and limit applied to the band.
-- Screened always wins, over conflicts.check.all and matters.read.all alike.
--
-- A saved report used to keep the hits exactly as they were shown to whoever saved it, and showed
-- every later reader the same (the exact score 1.0 of a walled party, to someone that wall screens).
-- Now it keeps what the search found, with the matter and client ids, in a column the runtime role may
-- not read, and conflict_report_hits answers it for each reader by the rule above, as a check of their
-- own would answer it at that moment.

-- The functions below SET pg_trgm's thresholds, which PostgreSQL knows only once pg_trgm's library is
-- loaded in the session; a non-superuser may not SET an unknown placeholder (15+: "permission denied to
-- set parameter"). On an upgrade this migration's session has not loaded it yet (V1_032 did, by building
-- its trigram indexes), so calling one of its functions loads it first.
SELECT lexvault.similarity('', '');

-- The search, unchanged from V1_032 but answering ids and exact scores. Not executable by the runtime
-- role (default privileges revoke it from PUBLIC; nothing grants it): only the definer functions
-- below call it, which is why it needs no checks of its own.
CREATE FUNCTION lexvault.conflict_search(p_names text[], p_threshold real)
    RETURNS TABLE (term integer, hit_kind text, matter_id uuid, client_id uuid, matter_number text,
                   party_role text, score real)
    LANGUAGE plpgsql
    SET search_path = lexvault, pg_temp
    -- Restored when the function returns (the set_config calls below change them for its duration only).
    SET pg_trgm.similarity_threshold = 0.3
    SET pg_trgm.word_similarity_threshold = 0.6
    AS $$
#variable_conflict use_column
DECLARE
    v_tenant uuid := lexvault.current_tenant_id();
BEGIN
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
            SELECT s.term, p.matter_id, p.client_id, p.role,
                   greatest(similarity(s.q, lexvault.conflict_name(p.name)),
                            word_similarity(s.q, lexvault.conflict_name(p.name))) AS score
              FROM searched s
              JOIN lexvault.matter_parties p
                ON p.tenant_id = v_tenant
               AND (lexvault.conflict_name(p.name) % s.q OR s.q <% lexvault.conflict_name(p.name))
        )
        SELECT h.term, 'client'::text, m.id, h.client_id, m.number, 'client'::text, max(h.score)::real
          FROM client_hits h
          LEFT JOIN lexvault.matters m ON m.tenant_id = v_tenant AND m.client_id = h.client_id
         GROUP BY h.term, m.id, h.client_id, m.number
        UNION ALL
        SELECT h.term, 'party'::text, h.matter_id, h.client_id, m.number, h.role, max(h.score)::real
          FROM party_hits h
          JOIN lexvault.matters m ON m.tenant_id = v_tenant AND m.id = h.matter_id
         GROUP BY h.term, h.matter_id, h.client_id, m.number, h.role;
END
$$;
REVOKE ALL ON FUNCTION lexvault.conflict_search(text[], real) FROM PUBLIC;

-- Found hits (the JSON array conflict_search's rows make, as reports keep them) answered for the
-- ACTING user by the rule at the top. Not executable by the runtime role: it trusts the ids it is given.
-- Hits without a matter and without a client (reports saved before this migration whose client had
-- no matter: it was not recorded which) are restricted for everyone; a score kept as a band (the
-- saver could not see the matter) stays a band for everyone.
CREATE FUNCTION lexvault.conflict_hits_for_acting_user(p_hits jsonb, p_threshold real, p_limit integer)
    RETURNS TABLE (term integer, hit_kind text, matter_number text, party_role text, score real,
                   exact boolean, restricted boolean)
    LANGUAGE plpgsql STABLE
    SET search_path = lexvault, pg_temp
    AS $$
#variable_conflict use_column
DECLARE
    v_screened_matters uuid[] := lexvault.acting_user_screened_matters();
    v_screened_clients uuid[] := lexvault.acting_user_screened_clients();
    v_officer boolean := lexvault.acting_user_holds('conflicts.check.all');
BEGIN
    RETURN QUERY
        WITH found AS (
            SELECT (h ->> 'term')::integer AS term, h ->> 'kind' AS hit_kind,
                   (h ->> 'matter_id')::uuid AS matter_id, (h ->> 'client_id')::uuid AS client_id,
                   h ->> 'number' AS matter_number, h ->> 'role' AS party_role,
                   (h ->> 'score')::real AS score, coalesce((h ->> 'exact')::boolean, true) AS kept_exact
              FROM jsonb_array_elements(p_hits) AS h
        ),
        classified AS (
            SELECT f.term, f.hit_kind, f.matter_number, f.party_role, f.score,
                   CASE WHEN f.matter_id IS NULL AND f.client_id IS NULL THEN 'restricted'
                        WHEN f.matter_id = ANY (v_screened_matters) OR f.client_id = ANY (v_screened_clients)
                            THEN 'restricted'
                        WHEN NOT f.kept_exact THEN 'band'
                        WHEN f.matter_id IS NULL OR v_officer
                             OR lexvault.acting_user_may_see_matter(f.matter_id, f.client_id) THEN 'exact'
                        ELSE 'band' END AS shown
              FROM found f
        ),
        grouped AS (
            SELECT c.term, c.hit_kind, c.matter_number, c.party_role, max(c.score) AS score,
                   bool_and(c.shown = 'exact') AS exact
              FROM classified c
             WHERE c.shown <> 'restricted'
             GROUP BY c.term, c.hit_kind, c.matter_number, c.party_role
        ),
        answered AS (
            SELECT g.term, g.hit_kind, g.matter_number, g.party_role, g.exact,
                   (CASE WHEN g.exact THEN g.score
                         WHEN g.score >= 0.9 THEN 0.9
                         WHEN g.score >= 0.75 THEN 0.75
                         WHEN g.score >= 0.5 THEN 0.5
                         WHEN g.score >= 0.3 THEN 0.3
                         ELSE 0.2 END)::real AS score
              FROM grouped g
        ),
        visible_hits AS (
            SELECT a.term, a.hit_kind, a.matter_number, a.party_role, a.score, a.exact
              FROM answered a
             WHERE a.score >= p_threshold
             ORDER BY a.score DESC, a.term, a.matter_number NULLS FIRST, a.hit_kind, a.party_role
             LIMIT p_limit
        ),
        -- One per searched name, at a fixed similarity (0.3, the default threshold) whatever threshold
        -- was asked: stepping the threshold must not tell how alike the walled name is.
        walled_terms AS (
            SELECT DISTINCT c.term FROM classified c WHERE c.shown = 'restricted' AND c.score >= 0.3
        )
        SELECT r.term, NULL::text, NULL::text, NULL::text, NULL::real, false, true
          FROM walled_terms r
        UNION ALL
        SELECT s.term, s.hit_kind, s.matter_number, s.party_role, s.score, s.exact, false
          FROM visible_hits s
         ORDER BY 7 DESC, 5 DESC NULLS FIRST, 1, 3 NULLS FIRST, 2, 4;
END
$$;
REVOKE ALL ON FUNCTION lexvault.conflict_hits_for_acting_user(jsonb, real, integer) FROM PUBLIC;

-- What every definer entry point below checks first: a bound firm, an acting user who holds
-- conflicts.check in the database, and sane arguments.
CREATE FUNCTION lexvault.require_conflict_check(p_names text[], p_threshold real, p_limit integer)
    RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = lexvault, pg_temp
    AS $$
BEGIN
    IF lexvault.current_tenant_id() IS NULL OR lexvault.current_user_id() IS NULL
            OR NOT lexvault.acting_user_holds('conflicts.check') THEN
        RAISE EXCEPTION 'conflict checks need a bound firm and an acting user who holds conflicts.check'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_names IS NULL OR cardinality(p_names) NOT BETWEEN 1 AND 20
            OR EXISTS (SELECT 1 FROM unnest(p_names) AS n(name)
                        WHERE name IS NULL OR char_length(btrim(name)) NOT BETWEEN 1 AND 200)
            OR p_threshold IS NULL OR p_threshold NOT BETWEEN 0.2 AND 1
            OR p_limit IS NULL OR p_limit NOT BETWEEN 1 AND 500 THEN
        RAISE EXCEPTION 'conflict checks: 1 to 20 names of 1 to 200 characters, threshold 0.2 to 1, limit 1 to 500'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$$;
REVOKE ALL ON FUNCTION lexvault.require_conflict_check(text[], real, integer) FROM PUBLIC;

-- The search as JSON, as conflict_hits_for_acting_user and reports take it. It runs at the lower of
-- the threshold asked and 0.3, so that a restricted hit is found at its fixed similarity whatever
-- threshold was asked; what is shown is filtered afterwards.
CREATE FUNCTION lexvault.conflict_search_json(p_names text[], p_threshold real, p_max integer)
    RETURNS jsonb
    LANGUAGE sql
    SET search_path = lexvault, pg_temp
    AS $$
        SELECT coalesce(jsonb_agg(jsonb_build_object(
                   'term', s.term, 'kind', s.hit_kind, 'matter_id', s.matter_id, 'client_id', s.client_id,
                   'number', s.matter_number, 'role', s.party_role, 'score', s.score, 'exact', true)
                   ORDER BY s.score DESC, s.term, s.matter_number), '[]'::jsonb)
          FROM (SELECT * FROM lexvault.conflict_search(p_names, least(p_threshold, 0.3::real))
                 ORDER BY score DESC, term, matter_number LIMIT p_max) s
    $$;
REVOKE ALL ON FUNCTION lexvault.conflict_search_json(text[], real, integer) FROM PUBLIC;

-- The check (V1_032's entry point, one column more: restricted). The same bound-firm, acting-user and
-- permission checks; the same limits.
DROP FUNCTION lexvault.conflict_check_hits(text[], real, integer);
CREATE FUNCTION lexvault.conflict_check_hits(p_names text[], p_threshold real, p_limit integer)
    RETURNS TABLE (term integer, hit_kind text, matter_number text, party_role text, score real,
                   exact boolean, restricted boolean)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = lexvault, pg_temp
    AS $$
BEGIN
    PERFORM lexvault.require_conflict_check(p_names, p_threshold, p_limit);
    RETURN QUERY SELECT * FROM lexvault.conflict_hits_for_acting_user(
        lexvault.conflict_search_json(p_names, p_threshold, 100000), p_threshold, p_limit);
END
$$;
REVOKE ALL ON FUNCTION lexvault.conflict_check_hits(text[], real, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.conflict_check_hits(text[], real, integer) TO ${appRole};

-- Saving a check as a report on a matter the acting user may see (the matter wall's own rule, since
-- this definer function is not under it). Keeps at most 1,000 hits, best first.
CREATE FUNCTION lexvault.save_conflict_report(p_report uuid, p_matter uuid, p_names text[], p_threshold real)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = lexvault, pg_temp
    AS $$
DECLARE
    v_tenant uuid := lexvault.current_tenant_id();
    v_client uuid;
BEGIN
    PERFORM lexvault.require_conflict_check(p_names, p_threshold, 1);
    SELECT m.client_id INTO v_client FROM lexvault.matters m
     WHERE m.tenant_id = v_tenant AND m.id = p_matter
       AND lexvault.acting_user_may_see_matter(m.id, m.client_id);
    IF v_client IS NULL THEN
        RAISE EXCEPTION 'no such matter' USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO lexvault.conflict_reports (tenant_id, id, matter_id, client_id, terms, threshold, hits, checked_by)
    VALUES (v_tenant, p_report, p_matter, v_client, p_names, p_threshold,
            lexvault.conflict_search_json(p_names, p_threshold, 1000), lexvault.current_user_id());
END
$$;
REVOKE ALL ON FUNCTION lexvault.save_conflict_report(uuid, uuid, text[], real) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.save_conflict_report(uuid, uuid, text[], real) TO ${appRole};

-- A saved report's hits, for the acting user: nothing for a report on a matter they may not see (the
-- matter wall's rule again), else its hits by the rule at the top, at the report's threshold.
CREATE FUNCTION lexvault.conflict_report_hits(p_report uuid)
    RETURNS TABLE (term integer, hit_kind text, matter_number text, party_role text, score real,
                   exact boolean, restricted boolean)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = lexvault, pg_temp
    AS $$
DECLARE
    v_hits jsonb;
    v_threshold real;
BEGIN
    IF lexvault.current_tenant_id() IS NULL OR lexvault.current_user_id() IS NULL
            OR NOT lexvault.acting_user_holds('conflicts.check') THEN
        RAISE EXCEPTION 'conflict reports need a bound firm and an acting user who holds conflicts.check'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT r.hits, r.threshold INTO v_hits, v_threshold FROM lexvault.conflict_reports r
     WHERE r.tenant_id = lexvault.current_tenant_id() AND r.id = p_report
       AND lexvault.acting_user_may_see_matter(r.matter_id, r.client_id);
    IF v_hits IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY SELECT * FROM lexvault.conflict_hits_for_acting_user(v_hits, v_threshold, 1000);
END
$$;
REVOKE ALL ON FUNCTION lexvault.conflict_report_hits(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.conflict_report_hits(uuid) TO ${appRole};

-- The runtime role reads everything of a report but its hits, and writes reports only through
-- save_conflict_report (so the kept hits are the server's search, never values sent in).
REVOKE SELECT, INSERT ON lexvault.conflict_reports FROM ${appRole};
GRANT SELECT (tenant_id, id, matter_id, client_id, terms, threshold, checked_by, checked_at)
    ON lexvault.conflict_reports TO ${appRole};

-- Reports saved before: their hits were kept as shown to the saver (number, role, score, exact).
-- The matter is found again by its number (unique per firm); a hit without a number (a client without
-- matters) cannot be traced to its client and becomes restricted for everyone; a banded score stays a
-- band. Per firm, with that firm bound, as the tenant policy requires of the owner too.
DO $$
DECLARE
    v_firm uuid;
BEGIN
    FOR v_firm IN SELECT id FROM lexvault.tenants LOOP
        PERFORM set_config('lexvault.tenant_id', v_firm::text, true);
        PERFORM set_config('lexvault.context_started', (extract(epoch FROM now()) * 1000000)::bigint::text, true);
        UPDATE lexvault.conflict_reports r
           SET hits = (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                  'term', (h ->> 'term')::integer, 'kind', h ->> 'kind',
                                  'matter_id', m.id, 'client_id', m.client_id,
                                  'number', h ->> 'matterNumber', 'role', h ->> 'role',
                                  'score', (h ->> 'score')::real,
                                  'exact', coalesce((h ->> 'exact')::boolean, false))), '[]'::jsonb)
                         FROM jsonb_array_elements(r.hits) AS h
                         LEFT JOIN lexvault.matters m
                           ON m.tenant_id = r.tenant_id AND m.number = h ->> 'matterNumber')
         WHERE r.tenant_id = v_firm;
    END LOOP;
    PERFORM set_config('lexvault.tenant_id', '', true);
    PERFORM set_config('lexvault.context_started', '', true);
END
$$;
