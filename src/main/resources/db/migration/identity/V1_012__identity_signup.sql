-- Self-service sign-up (off unless LEXVAULT_SIGNUP=on; on in the demo). Nothing about a sign-up is
-- decided while the visitor waits: the form's contents are queued, and a job either mails a
-- confirmation link (new address) or tells the address's owner that someone tried (known address).
-- The visitor sees the same answer either way. The password is chosen only on the confirmation page,
-- by whoever holds the mailbox, so nobody can pre-set the password of someone else's new firm.
-- No firm exists yet: these tables have no tenant
-- column (tenant-less paths in docs/security.md) and their rows are deleted once handled or expired.
CREATE TABLE lexvault.signup_requests (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         text        NOT NULL CHECK (char_length(email) <= 254),
    firm_name     text        NOT NULL CHECK (char_length(firm_name) <= 200),
    display_name  text        NOT NULL CHECK (char_length(display_name) <= 200),
    requested_at  timestamptz NOT NULL
);

CREATE TABLE lexvault.pending_signups (
    token_hmac    bytea       PRIMARY KEY CHECK (octet_length(token_hmac) = 32),
    email         text        NOT NULL,
    firm_name     text        NOT NULL,
    display_name  text        NOT NULL,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX pending_signups_email ON lexvault.pending_signups (email);

-- When sign-up last mailed an address: at most one such mail an hour, however many sign-ups name it
-- (from however many client addresses), so the form cannot be used to flood someone's inbox.
CREATE TABLE lexvault.signup_mail_log (
    email        text        PRIMARY KEY,
    last_sent_at timestamptz NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.signup_requests, lexvault.pending_signups, lexvault.signup_mail_log
    TO ${appRole};
