package io.lexvault.identity.mfa;

import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SecondFactorRepository {

    record StoredTotp(byte[] secretCiphertext, long lastUsedStep) {}

    private final JdbcClient jdbc;

    SecondFactorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredTotp> totp(TenantId tenant, UserId user) {
        return jdbc.sql("""
                        SELECT secret_ciphertext, last_used_step FROM lexvault.totp_credentials
                         WHERE tenant_id = :tenant AND user_id = :user
                        """)
                .param("tenant", tenant.value())
                .param("user", user.value())
                .query((row, n) -> new StoredTotp(row.getBytes("secret_ciphertext"), row.getLong("last_used_step")))
                .optional();
    }

    void saveTotp(TenantId tenant, UserId user, byte[] ciphertext, long usedStep, Instant now) {
        jdbc.sql("""
                        INSERT INTO lexvault.totp_credentials (tenant_id, user_id, secret_ciphertext, last_used_step, created_at)
                        VALUES (:tenant, :user, :secret, :step, :now)
                        ON CONFLICT (tenant_id, user_id)
                        DO UPDATE SET secret_ciphertext = EXCLUDED.secret_ciphertext,
                                      last_used_step = EXCLUDED.last_used_step, created_at = EXCLUDED.created_at
                        """)
                .param("tenant", tenant.value())
                .param("user", user.value())
                .param("secret", ciphertext)
                .param("step", usedStep)
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Marks {@code step} used, only if it is later than any used before. One conditional update, so
     * two nodes receiving the same code at once cannot both accept it.
     */
    boolean useStep(TenantId tenant, UserId user, long step) {
        return jdbc.sql("""
                                UPDATE lexvault.totp_credentials SET last_used_step = :step
                                 WHERE tenant_id = :tenant AND user_id = :user AND last_used_step < :step
                                """)
                        .param("tenant", tenant.value())
                        .param("user", user.value())
                        .param("step", step)
                        .update()
                == 1;
    }

    boolean deleteTotp(TenantId tenant, UserId user) {
        return jdbc.sql("DELETE FROM lexvault.totp_credentials WHERE tenant_id = :tenant AND user_id = :user")
                        .param("tenant", tenant.value())
                        .param("user", user.value())
                        .update()
                > 0;
    }

    void replaceBackupCodes(TenantId tenant, UserId user, java.util.List<byte[]> hashes, Instant now) {
        deleteBackupCodes(tenant, user);
        for (byte[] hash : hashes) {
            jdbc.sql("""
                            INSERT INTO lexvault.backup_codes (tenant_id, user_id, code_hmac, created_at)
                            VALUES (:tenant, :user, :hash, :now)
                            """)
                    .param("tenant", tenant.value())
                    .param("user", user.value())
                    .param("hash", hash)
                    .param("now", Timestamp.from(now))
                    .update();
        }
    }

    void deleteBackupCodes(TenantId tenant, UserId user) {
        jdbc.sql("DELETE FROM lexvault.backup_codes WHERE tenant_id = :tenant AND user_id = :user")
                .param("tenant", tenant.value())
                .param("user", user.value())
                .update();
    }

    /** Uses a backup code: true once, false ever after (one conditional update). */
    boolean useBackupCode(TenantId tenant, UserId user, byte[] hash, Instant now) {
        return jdbc.sql("""
                                UPDATE lexvault.backup_codes SET used_at = :now
                                 WHERE tenant_id = :tenant AND user_id = :user AND code_hmac = :hash AND used_at IS NULL
                                """)
                        .param("tenant", tenant.value())
                        .param("user", user.value())
                        .param("hash", hash)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    int unusedBackupCodes(TenantId tenant, UserId user) {
        return jdbc.sql("""
                        SELECT count(*) FROM lexvault.backup_codes
                         WHERE tenant_id = :tenant AND user_id = :user AND used_at IS NULL
                        """)
                .param("tenant", tenant.value())
                .param("user", user.value())
                .query(Integer.class)
                .single();
    }
}
