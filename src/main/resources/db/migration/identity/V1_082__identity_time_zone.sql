-- The time zone each person reads times in (an IANA name such as Europe/Berlin), chosen on the account
-- page and first taken from their browser; NULL until then, which pages show as UTC. The runtime role
-- already reads and updates lexvault.users (V1_002), and the table's row-level policy covers the column.
ALTER TABLE lexvault.users ADD COLUMN time_zone text
    CHECK (time_zone IS NULL OR (length(time_zone) BETWEEN 1 AND 64 AND time_zone ~ '^[A-Za-z0-9/_+\-]+$'));
