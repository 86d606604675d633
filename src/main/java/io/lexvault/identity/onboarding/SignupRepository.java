package io.lexvault.identity.onboarding;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sign-up queue, the pending confirmation links and the per-address mail log (no firm yet: no RLS). */
@Repository
class SignupRepository {

    /** What the visitor typed, checked, waiting for its mail or its confirmation. */
    record Request(String email, String firmName, String displayName) {}

    private final JdbcClient jdbc;

    SignupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void queue(String email, String firmName, String displayName, Instant now) {
        jdbc.sql("""
                        INSERT INTO lexvault.signup_requests (email, firm_name, display_name, requested_at)
                        VALUES (:email, :firm, :name, :now)
                        """)
                .param("email", email)
                .param("firm", firmName)
                .param("name", displayName)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Takes up to 100 queued requests off the queue; rows another node is taking are skipped. */
    List<Request> takeQueued() {
        return jdbc.sql("""
                        DELETE FROM lexvault.signup_requests
                         WHERE id IN (SELECT id FROM lexvault.signup_requests ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED)
                        RETURNING email, firm_name, display_name
                        """)
                .query((row, n) ->
                        new Request(row.getString("email"), row.getString("firm_name"), row.getString("display_name")))
                .list();
    }

    void forgetExpired(Instant now) {
        jdbc.sql("DELETE FROM lexvault.pending_signups WHERE expires_at < :now")
                .param("now", Timestamp.from(now))
                .update();
    }

    /** True when no sign-up mail went to this address in the last hour; the slot is then taken. */
    boolean claimMailSlot(String email, Instant now) {
        return jdbc.sql("""
                        INSERT INTO lexvault.signup_mail_log (email, last_sent_at) VALUES (:email, :now)
                        ON CONFLICT (email) DO UPDATE SET last_sent_at = EXCLUDED.last_sent_at
                         WHERE signup_mail_log.last_sent_at <= CAST(:now AS timestamptz) - interval '1 hour'
                        """)
                        .param("email", email)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** One pending sign-up per address: a newer one replaces the older. */
    void replacePending(byte[] tokenHash, Request request, Instant expires) {
        jdbc.sql("DELETE FROM lexvault.pending_signups WHERE email = :email")
                .param("email", request.email())
                .update();
        jdbc.sql("""
                        INSERT INTO lexvault.pending_signups (token_hmac, email, firm_name, display_name, expires_at)
                        VALUES (:hash, :email, :firm, :name, :expires)
                        """)
                .param("hash", tokenHash)
                .param("email", request.email())
                .param("firm", request.firmName())
                .param("name", request.displayName())
                .param("expires", Timestamp.from(expires))
                .update();
    }

    Optional<Signups.Pending> findPending(byte[] tokenHash, Instant now) {
        return jdbc.sql("""
                        SELECT firm_name, email FROM lexvault.pending_signups WHERE token_hmac = :hash AND expires_at > :now
                        """)
                .param("hash", tokenHash)
                .param("now", Timestamp.from(now))
                .query((row, n) -> new Signups.Pending(row.getString("firm_name"), row.getString("email")))
                .optional();
    }

    /** Uses up a live confirmation link, returning its sign-up; empty when unknown, used or expired. */
    Optional<Request> claimPending(byte[] tokenHash, Instant now) {
        return jdbc.sql("""
                        DELETE FROM lexvault.pending_signups WHERE token_hmac = :hash AND expires_at > :now
                        RETURNING email, firm_name, display_name
                        """)
                .param("hash", tokenHash)
                .param("now", Timestamp.from(now))
                .query((row, n) ->
                        new Request(row.getString("email"), row.getString("firm_name"), row.getString("display_name")))
                .optional();
    }
}
