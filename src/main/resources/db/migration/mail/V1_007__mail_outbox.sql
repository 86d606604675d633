-- Outgoing e-mail. A message is written in the same transaction as the action that causes it (so a
-- rolled-back action sends nothing) and delivered afterwards, with retries. Bodies may carry
-- one-time links, so a body is erased as soon as its message has been handed to the mail server.
CREATE TABLE lexvault.mail_outbox (
    tenant_id       uuid        NOT NULL REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    id              uuid        NOT NULL,
    recipient       text        NOT NULL CHECK (char_length(recipient) BETWEEN 3 AND 254),
    subject         text        NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 300),
    body            text,
    created_at      timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    sent_at         timestamptz,
    failed_at       timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX mail_outbox_due ON lexvault.mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
SELECT lexvault.enable_tenant_rls('lexvault.mail_outbox');
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.mail_outbox TO ${appRole};

-- The delivery job works firm by firm; which firms have mail waiting is all it may learn without one.
CREATE POLICY owner_outbox_scan ON lexvault.mail_outbox FOR SELECT TO ${ownerRole} USING (true);
CREATE FUNCTION lexvault.firms_with_mail_due(p_now timestamptz) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ SELECT DISTINCT o.tenant_id FROM lexvault.mail_outbox o
           WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= p_now $$;
REVOKE ALL ON FUNCTION lexvault.firms_with_mail_due(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.firms_with_mail_due(timestamptz) TO ${appRole};
