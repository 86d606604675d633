-- Clients get a kind and contact details; matters get a description, a status with its dates, a
-- practice area and a responsible attorney; each firm gets counters for its automatic matter numbers.
-- The tables themselves were made by the access module's V1_023 (ADR 0005): their policies, the
-- matter wall and the client wall stay as they are, these are columns only.

ALTER TABLE lexvault.clients
    ADD COLUMN kind                text NOT NULL DEFAULT 'organisation' CHECK (kind IN ('person', 'organisation')),
    ADD COLUMN email               text CHECK (char_length(email) <= 254),
    ADD COLUMN phone               text CHECK (char_length(phone) <= 40),
    ADD COLUMN postal_address      text CHECK (char_length(postal_address) <= 500),
    ADD COLUMN registration_number text CHECK (char_length(registration_number) <= 50),
    ADD COLUMN notes               text CHECK (char_length(notes) <= 4000),
    ADD COLUMN updated_at          timestamptz,
    -- A person has no company number.
    ADD CONSTRAINT clients_registration_only_for_organisations
        CHECK (kind = 'organisation' OR registration_number IS NULL);
-- Lists sort by name or by creation.
CREATE INDEX clients_by_name ON lexvault.clients (tenant_id, lower(name), id);
CREATE INDEX clients_by_created ON lexvault.clients (tenant_id, created_at, id);

ALTER TABLE lexvault.matters
    ADD COLUMN description             text CHECK (char_length(description) <= 4000),
    ADD COLUMN status                  text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'archived')),
    ADD COLUMN practice_area           text CHECK (char_length(btrim(practice_area)) BETWEEN 1 AND 100),
    ADD COLUMN responsible_attorney_id uuid,
    ADD COLUMN opened_on               date,
    ADD COLUMN closed_on               date,
    ADD COLUMN updated_at              timestamptz,
    -- A user of the same firm; should the user row ever be erased, the matter keeps going without one
    -- (only that column is cleared: the firm's id stays).
    ADD CONSTRAINT matters_responsible_attorney_in_firm
        FOREIGN KEY (tenant_id, responsible_attorney_id) REFERENCES lexvault.users (tenant_id, id)
        ON DELETE SET NULL (responsible_attorney_id),
    -- An open matter has no closing date; a closed or archived one always has one.
    ADD CONSTRAINT matters_closed_on_with_status CHECK ((status = 'open') = (closed_on IS NULL)),
    ADD CONSTRAINT matters_closed_after_opened CHECK (closed_on IS NULL OR closed_on >= opened_on);

-- Existing matters were opened when they were created. Row-level security is forced on the owner too
-- (no firm is bound here), so it is lifted for this one statement inside the migration's transaction.
ALTER TABLE lexvault.matters NO FORCE ROW LEVEL SECURITY;
UPDATE lexvault.matters SET opened_on = (created_at AT TIME ZONE 'UTC')::date WHERE opened_on IS NULL;
ALTER TABLE lexvault.matters FORCE ROW LEVEL SECURITY;
ALTER TABLE lexvault.matters
    ALTER COLUMN opened_on SET DEFAULT CURRENT_DATE,
    ALTER COLUMN opened_on SET NOT NULL;

CREATE INDEX matters_by_status ON lexvault.matters (tenant_id, status, number);
CREATE INDEX matters_by_opened ON lexvault.matters (tenant_id, opened_on, id);
CREATE INDEX matters_by_responsible_attorney ON lexvault.matters (tenant_id, responsible_attorney_id)
    WHERE responsible_attorney_id IS NOT NULL;

-- The last sequence number handed out per firm and scope (a year such as '2026', or '-' for a format
-- without a year). Allocation is one INSERT ... ON CONFLICT DO UPDATE ... RETURNING: the row lock
-- makes concurrent openings wait for each other, so no two get the same number. Numbers typed by
-- hand that fit the format move the counter forward, never back.
CREATE TABLE lexvault.matter_number_counters (
    tenant_id  uuid    NOT NULL REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    scope      text    NOT NULL CHECK (scope ~ '^([0-9]{4}|-)$'),
    last_value integer NOT NULL CHECK (last_value >= 0),
    PRIMARY KEY (tenant_id, scope)
);
SELECT lexvault.enable_tenant_rls('lexvault.matter_number_counters');
GRANT SELECT, INSERT, UPDATE ON lexvault.matter_number_counters TO ${appRole};

-- Counters start above the numbers the firms already use: every matter made before this migration
-- has a number of the default format {YYYY}-{SEQ:4} or one typed by hand; those of the default shape
-- seed their year's counter with their highest sequence, so that the first automatic number does not
-- run into them. Row-level security is lifted for this one statement, as above.
ALTER TABLE lexvault.matters NO FORCE ROW LEVEL SECURITY;
ALTER TABLE lexvault.matter_number_counters NO FORCE ROW LEVEL SECURITY;
INSERT INTO lexvault.matter_number_counters (tenant_id, scope, last_value)
SELECT m.tenant_id, substr(m.number, 1, 4), max(substr(m.number, 6)::integer)
  FROM lexvault.matters m
 WHERE m.number ~ '^[0-9]{4}-[0-9]{4,9}$'
 GROUP BY m.tenant_id, substr(m.number, 1, 4);
ALTER TABLE lexvault.matter_number_counters FORCE ROW LEVEL SECURITY;
ALTER TABLE lexvault.matters FORCE ROW LEVEL SECURITY;

-- The highest sequence in use among the bound firm's matter numbers of one shape: the prefix, 1 to 9
-- digits (at least p_min_digits) and the suffix (a format rendered for one year, split around its
-- {SEQ:n}). Allocation starts above it, so numbers that exist already (typed by hand, made under an
-- earlier format or before the counters existed) are never handed out again. It must count the
-- matters a wall hides from the caller too (else their numbers would collide again and again), and
-- row-level security hides exactly those from the runtime role; so this definer function reads them,
-- for the BOUND firm only (the tenant policy still applies inside it), and answers one integer (0 when
-- none), never a number, a title or any other column.
CREATE FUNCTION lexvault.highest_matter_sequence_in_bound_firm(p_prefix text, p_suffix text, p_min_digits integer)
    RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$
        SELECT coalesce(max(substr(m.number, char_length(p_prefix) + 1,
                                   char_length(m.number) - char_length(p_prefix) - char_length(p_suffix))::integer), 0)
          FROM lexvault.matters m
         WHERE m.tenant_id = lexvault.current_tenant_id()
           AND left(m.number, char_length(p_prefix)) = p_prefix
           AND right(m.number, char_length(p_suffix)) = p_suffix
           AND char_length(m.number) - char_length(p_prefix) - char_length(p_suffix)
               BETWEEN greatest(p_min_digits, 1) AND 9
           AND substr(m.number, char_length(p_prefix) + 1,
                      char_length(m.number) - char_length(p_prefix) - char_length(p_suffix)) ~ '^[0-9]+$'
    $$;
REVOKE ALL ON FUNCTION lexvault.highest_matter_sequence_in_bound_firm(text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.highest_matter_sequence_in_bound_firm(text, text, integer) TO ${appRole};
