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

    /**
     * Where a presented key lives, found without a firm bound (lexvault.find_api_key): its firm and id,
     * both null when no usable key of an active firm has that HMAC; and whether the client address's
     * refusal bucket exists at all (Bucket4j writes it only when a key is refused).
     */
    record KeyLocation(@Nullable TenantId tenant, @Nullable UUID key, boolean refusedBefore) {}

    /** A key and what its owner's account says, read together. */
    record KeyAndOwner(ApiKey key, AccountStatus ownerStatus, String ownerEmail, String ownerName) {}

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

    /**
     * One statement outside any transaction: the key's location and whether {@code refusalBucket}
     * exists. Reading the bucket's existence takes no lock; only an address that has been refused
     * before pays for the locking read of its bucket (ApiKeyFilter).
     */
    KeyLocation locate(byte[] secretHmac, String refusalBucket) {
        return jdbc.sql("""
                        SELECT k.tenant_id, k.key_id,
                               EXISTS (SELECT 1 FROM lexvault.rate_limit_buckets b WHERE b.id = :bucket) AS refused_before
                          FROM (SELECT 1) AS one
                          LEFT JOIN lexvault.find_api_key(:hmac) AS k ON true
                        """)
                .param("hmac", secretHmac)
                .param("bucket", refusalBucket)
                .query((row, n) -> {
                    UUID tenant = row.getObject("tenant_id", UUID.class);
                    return new KeyLocation(
                            tenant == null ? null : new TenantId(tenant),
                            row.getObject("key_id", UUID.class),
                            row.getBoolean("refused_before"));
                })
                .single();
    }

    /** The key with its owner's account status, email and name: one statement for an API request. */
    Optional<KeyAndOwner> findWithOwner(TenantId tenant, UUID id) {
        return jdbc.sql("""
                        SELECT k.id, k.user_id, k.name, k.display_prefix, k.scopes, k.created_at, k.expires_at,
                               k.last_used_at, k.revoked_at, u.status AS owner_status, u.email AS owner_email,
                               u.display_name AS owner_name
                          FROM lexvault.api_keys k
                          JOIN lexvault.users u ON u.tenant_id = k.tenant_id AND u.id = k.user_id
                         WHERE k.tenant_id = :tenant AND k.id = :id
                        """)
                .param("tenant", tenant.value())
                .param("id", id)
                .query((row, n) -> new KeyAndOwner(
                        apiKey(row, n),
                        AccountStatus.fromDatabase(row.getString("owner_status")),
                        row.getString("owner_email"),
                        row.getString("owner_name")))
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
