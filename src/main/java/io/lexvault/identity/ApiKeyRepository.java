package io.lexvault.identity;

import io.lexvault.tenancy.TenantId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

    /** Where a presented key lives, found without a firm bound (lexvault.find_api_key). */
    record KeyLocation(TenantId tenant, UUID key) {}

    private static final String COLUMNS =
            "id, user_id, name, display_prefix, scopes, created_at, expires_at, last_used_at, revoked_at";

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(TenantId tenant, ApiKey key, byte[] secretHmac) {
        jdbc.sql("""
                        INSERT INTO lexvault.api_keys (tenant_id, id, user_id, name, display_prefix, secret_hmac, scopes,
                                                       created_at, expires_at)
                        VALUES (:tenant, :id, :user, :name, :prefix, :hmac, :scopes, :created, :expires)
                        """)
                .param("tenant", tenant.value())
                .param("id", key.id())
                .param("user", key.owner().value())
                .param("name", key.name())
                .param("prefix", key.displayPrefix())
                .param("hmac", secretHmac)
                .param("scopes", key.scopes().toArray(String[]::new))
                .param("created", Timestamp.from(key.createdAt()))
                .param("expires", key.expiresAt() == null ? null : Timestamp.from(key.expiresAt()))
                .update();
    }

    Optional<KeyLocation> locate(byte[] secretHmac) {
        return jdbc.sql("SELECT tenant_id, key_id FROM lexvault.find_api_key(:hmac)")
                .param("hmac", secretHmac)
                .query((row, n) -> new KeyLocation(
                        new TenantId(row.getObject("tenant_id", UUID.class)), row.getObject("key_id", UUID.class)))
                .optional();
    }

    Optional<ApiKey> find(TenantId tenant, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM lexvault.api_keys WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", id)
                .query(ApiKeyRepository::apiKey)
                .optional();
    }

    List<ApiKey> ownedBy(TenantId tenant, UserId owner) {
        return jdbc.sql(
                        "SELECT " + COLUMNS
                                + " FROM lexvault.api_keys WHERE tenant_id = :tenant AND user_id = :owner ORDER BY created_at DESC")
                .param("tenant", tenant.value())
                .param("owner", owner.value())
                .query(ApiKeyRepository::apiKey)
                .list();
    }

    List<ApiKey> all(TenantId tenant) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM lexvault.api_keys WHERE tenant_id = :tenant ORDER BY created_at DESC")
                .param("tenant", tenant.value())
                .query(ApiKeyRepository::apiKey)
                .list();
    }

    boolean revoke(TenantId tenant, UserId owner, UUID id, Instant now) {
        return jdbc.sql("""
                        UPDATE lexvault.api_keys SET revoked_at = :now
                         WHERE tenant_id = :tenant AND user_id = :owner AND id = :id AND revoked_at IS NULL
                        """)
                        .param("tenant", tenant.value())
                        .param("owner", owner.value())
                        .param("id", id)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Records use at most once a minute per key, so a busy key does not write on every request. */
    void touch(TenantId tenant, UUID id, Instant now) {
        jdbc.sql("""
                        UPDATE lexvault.api_keys SET last_used_at = :now
                         WHERE tenant_id = :tenant AND id = :id
                           AND (last_used_at IS NULL OR last_used_at < CAST(:now AS timestamptz) - interval '1 minute')
                        """)
                .param("tenant", tenant.value())
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update();
    }

    private static ApiKey apiKey(ResultSet row, int rowNumber) throws SQLException {
        Array scopes = row.getArray("scopes");
        return new ApiKey(
                row.getObject("id", UUID.class),
                new UserId(row.getObject("user_id", UUID.class)),
                row.getString("name"),
                row.getString("display_prefix"),
                Arrays.asList((String[]) scopes.getArray()),
                row.getTimestamp("created_at").toInstant(),
                instant(row, "expires_at"),
                instant(row, "last_used_at"),
                instant(row, "revoked_at"));
    }

    private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
