package io.lexvault.identity.onboarding;

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

/** A firm's invitations; the link itself is kept only as a keyed hash. */
@Repository
class InvitationRepository {

    /** A live invitation found through its link. */
    record Found(TenantId tenant, UUID id, String email, List<String> roles) {}

    private final JdbcClient jdbc;

    InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(TenantId tenant, Invitation invitation, byte[] tokenHash, @Nullable UUID inviter) {
        jdbc.sql("""
                        INSERT INTO lexvault.invitations (tenant_id, id, email, roles, token_hmac, invited_by, created_at, expires_at)
                        VALUES (:tenant, :id, :email, :roles, :hash, :inviter, :now, :expires)
                        """)
                .param("tenant", tenant.value())
                .param("id", invitation.id())
                .param("email", invitation.email())
                .param("roles", invitation.roles().toArray(String[]::new))
                .param("hash", tokenHash)
                .param("inviter", inviter)
                .param("now", Timestamp.from(invitation.createdAt()))
                .param("expires", Timestamp.from(invitation.expiresAt()))
                .update();
    }

    List<Invitation> all(TenantId tenant) {
        return jdbc.sql("""
                        SELECT id, email, roles, created_at, expires_at, accepted_at, revoked_at
                          FROM lexvault.invitations WHERE tenant_id = :tenant ORDER BY created_at DESC
                        """)
                .param("tenant", tenant.value())
                .query((row, n) -> {
                    return new Invitation(
                            row.getObject("id", UUID.class),
                            row.getString("email"),
                            roles(row),
                            row.getTimestamp("created_at").toInstant(),
                            row.getTimestamp("expires_at").toInstant(),
                            row.getTimestamp("accepted_at") == null
                                    ? null
                                    : row.getTimestamp("accepted_at").toInstant(),
                            row.getTimestamp("revoked_at") == null
                                    ? null
                                    : row.getTimestamp("revoked_at").toInstant());
                })
                .list();
    }

    /** Marks a live invitation accepted; false when it is unknown, used, revoked or expired. */
    boolean accept(TenantId tenant, byte[] tokenHash, Instant now) {
        return jdbc.sql("""
                        UPDATE lexvault.invitations SET accepted_at = :now
                         WHERE tenant_id = :tenant AND token_hmac = :hash
                           AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > :now
                        """)
                        .param("now", Timestamp.from(now))
                        .param("tenant", tenant.value())
                        .param("hash", tokenHash)
                        .update()
                == 1;
    }

    Optional<Found> findLive(TenantId tenant, byte[] tokenHash, Instant now) {
        return jdbc.sql("""
                        SELECT id, email, roles FROM lexvault.invitations
                         WHERE tenant_id = :tenant AND token_hmac = :hash
                           AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > :now
                        """)
                .param("tenant", tenant.value())
                .param("hash", tokenHash)
                .param("now", Timestamp.from(now))
                .query((row, n) ->
                        new Found(tenant, row.getObject("id", UUID.class), row.getString("email"), roles(row)))
                .optional();
    }

    private static List<String> roles(ResultSet row) throws SQLException {
        return List.of((String[]) row.getArray("roles").getArray());
    }
}
