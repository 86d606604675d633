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
