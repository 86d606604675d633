package io.lexvault.identity.internal;

import io.lexvault.identity.Account;
import io.lexvault.identity.AccountStatus;
import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users table. Every statement names the tenant, even though row-level security would too. */
@Repository
public class UserRepository {

    /** Where a sign-in address leads, found without a firm bound (lexvault.find_sign_in). */
    public record SignInLocation(TenantId tenant, UserId user) {}

    /**
     * A password attempt, counted before the password is checked.
     *
     * @param passwordHash what to check the password against; never leaves this module
     * @param refusedAsLocked the account was locked before this attempt: refuse whatever the password
     * @param failures attempts counted in this round, this one included
     */
    public record Attempt(@Nullable String passwordHash, AccountStatus status, boolean refusedAsLocked, int failures) {

        /** This attempt used up the allowance: the account is locked unless its password proves right. */
        public boolean lockedByThisAttempt(int maxFailures) {
            return !refusedAsLocked && failures >= maxFailures;
        }
    }

    private static final String ACCOUNT_COLUMNS =
            "tenant_id, id, email, display_name, status, password_hash IS NOT NULL"
                    + " AS has_password, email_verified_at, locked_until, last_sign_in_at, created_at";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(
            TenantId tenant, UserId id, String email, String displayName, @Nullable String passwordHash, Instant now) {
        jdbc.sql("""
                        INSERT INTO lexvault.users (tenant_id, id, email, display_name, password_hash, password_changed_at,
                                                    created_at)
                        VALUES (:tenant, :id, :email, :name, :hash, :changed, :now)
                        """)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .param("email", email)
                .param("name", displayName)
                .param("hash", passwordHash)
                .param("changed", passwordHash == null ? null : Timestamp.from(now))
                .param("now", Timestamp.from(now))
                .update();
    }

    public Optional<SignInLocation> findSignIn(String email) {
        return jdbc.sql("SELECT tenant_id, user_id FROM lexvault.find_sign_in(:email)")
                .param("email", email)
                .query((row, n) -> new SignInLocation(
                        new TenantId(row.getObject("tenant_id", UUID.class)),
                        new UserId(row.getObject("user_id", UUID.class))))
                .optional();
    }

    public Optional<Account> find(TenantId tenant, UserId id) {
        return jdbc.sql("SELECT " + ACCOUNT_COLUMNS + " FROM lexvault.users WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query(UserRepository::account)
                .optional();
    }

    public List<Account> all(TenantId tenant) {
        return jdbc.sql("SELECT " + ACCOUNT_COLUMNS
                        + " FROM lexvault.users WHERE tenant_id = :tenant ORDER BY display_name, email")
                .param("tenant", tenant.value())
                .query(UserRepository::account)
                .list();
    }

    public void setStatus(TenantId tenant, UserId id, AccountStatus status) {
        jdbc.sql("UPDATE lexvault.users SET status = :status WHERE tenant_id = :tenant AND id = :id")
                .param("status", status.toDatabase())
                .param("tenant", tenant.value())
                .param("id", id.value())
                .update();
    }

    public Optional<Account> findByEmail(TenantId tenant, String email) {
        return jdbc.sql("SELECT " + ACCOUNT_COLUMNS
                        + " FROM lexvault.users WHERE tenant_id = :tenant AND email = :email")
                .param("tenant", tenant.value())
                .param("email", email)
                .query(UserRepository::account)
                .optional();
    }

    /**
     * Counts a password attempt <em>before</em> the password is checked, and locks the account when the
     * count reaches {@code maxFailures}; a right password then resets both ({@link #recordSuccess}).
     * Counting first means parallel guesses cannot all be checked against an unlocked account: the
     * row lock orders them, and every attempt after the allowance finds the account locked. A lock
     * that has run out starts the count afresh; a running lock is never extended.
     *
     * <p>Matches no row for an account that does not exist; the statement still runs, so that
     * refusal costs the same work.
     */
    public Optional<Attempt> registerAttempt(
            TenantId tenant, UserId id, Instant now, int maxFailures, Instant lockUntil) {
        return jdbc.sql("""
                        WITH previous AS (
                            SELECT CASE WHEN locked_until IS NOT NULL AND locked_until <= :now THEN 0
                                        ELSE failed_sign_ins END AS failures,
                                   coalesce(locked_until > :now, false) AS locked
                              FROM lexvault.users
                             WHERE tenant_id = :tenant AND id = :id
                               FOR UPDATE)
                        UPDATE lexvault.users u
                           SET failed_sign_ins = CASE WHEN p.locked THEN u.failed_sign_ins ELSE p.failures + 1 END,
                               locked_until = CASE WHEN p.locked THEN u.locked_until
                                                   WHEN p.failures + 1 >= :max THEN CAST(:until AS timestamptz) END
                          FROM previous p
                         WHERE u.tenant_id = :tenant AND u.id = :id
                        RETURNING u.password_hash, u.status, p.locked AS was_locked, u.failed_sign_ins
                        """)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .param("now", Timestamp.from(now))
                .param("max", maxFailures)
                .param("until", Timestamp.from(lockUntil))
                .query((row, n) -> new Attempt(
                        row.getString("password_hash"),
                        AccountStatus.fromDatabase(row.getString("status")),
                        row.getBoolean("was_locked"),
                        row.getInt("failed_sign_ins")))
                .optional();
    }

    /**
     * The attempt's transaction need not wait for its write to reach disk: a count lost in a crash
     * costs nothing, and an unknown address (which writes nothing) would otherwise answer faster.
     */
    public void relaxDurabilityForThisTransaction() {
        jdbc.sql("SELECT set_config('synchronous_commit', 'off', true)").query().singleValue();
    }

    public void recordSuccess(TenantId tenant, UserId id, Instant now) {
        jdbc.sql("""
                        UPDATE lexvault.users SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = :now
                         WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Takes one counted attempt back (a right password); lifts the lock that attempt set, if any. */
    public void forgiveOneAttempt(TenantId tenant, UserId id, int maxFailures) {
        jdbc.sql("""
                        UPDATE lexvault.users
                           SET failed_sign_ins = greatest(failed_sign_ins - 1, 0),
                               locked_until = CASE WHEN failed_sign_ins - 1 < :max THEN NULL ELSE locked_until END
                         WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .param("max", maxFailures)
                .update();
    }

    public void markEmailVerified(TenantId tenant, UserId id, Instant now) {
        jdbc.sql("UPDATE lexvault.users SET email_verified_at = :now WHERE tenant_id = :tenant AND id = :id")
                .param("now", Timestamp.from(now))
                .param("tenant", tenant.value())
                .param("id", id.value())
                .update();
    }

    /** Clears the failure count and any lock (a second factor proved right, or an administrator). */
    public void unlock(TenantId tenant, UserId id) {
        jdbc.sql(
                        "UPDATE lexvault.users SET failed_sign_ins = 0, locked_until = NULL WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .update();
    }

    /** Stores a new hash; {@code changedAt} is null when only the hashing changed, not the password. */
    public void updatePasswordHash(TenantId tenant, UserId id, String hash, @Nullable Instant changedAt) {
        jdbc.sql("""
                        UPDATE lexvault.users
                           SET password_hash = :hash, password_changed_at = coalesce(:changed, password_changed_at)
                         WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .param("hash", hash)
                .param("changed", changedAt == null ? null : Timestamp.from(changedAt))
                .update();
    }

    private static Account account(ResultSet row, int rowNumber) throws SQLException {
        return new Account(
                new TenantId(row.getObject("tenant_id", UUID.class)),
                new UserId(row.getObject("id", UUID.class)),
                row.getString("email"),
                row.getString("display_name"),
                AccountStatus.fromDatabase(row.getString("status")),
                row.getBoolean("has_password"),
                instant(row, "email_verified_at"),
                instant(row, "locked_until"),
                instant(row, "last_sign_in_at"),
                row.getTimestamp("created_at").toInstant());
    }

    private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
