-- Mail to an address that belongs to no firm yet (the sign-up confirmation). Same rules as the firm
-- outbox: written in the action's transaction, body erased once sent.
CREATE TABLE lexvault.system_mail_outbox (
    id              uuid        PRIMARY KEY,
    recipient       text        NOT NULL CHECK (char_length(recipient) BETWEEN 3 AND 254),
    subject         text        NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 300),
    body            text,
    created_at      timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    sent_at         timestamptz,
    failed_at       timestamptz
);
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.system_mail_outbox TO ${appRole};
