package io.lexvault.crypto;

import static io.lexvault.crypto.KeyTestSupport.assertStored;
import static io.lexvault.crypto.KeyTestSupport.decryptDocument;
import static io.lexvault.crypto.KeyTestSupport.encryptDocument;
import static io.lexvault.crypto.KeyTestSupport.storedKeyset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.FirmTest;
import io.lexvault.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * Crypto-shredding: once a firm's keys are destroyed, the very bytes it stored no longer decrypt, no
 * new keyset is made to take their place, and another firm is not touched.
 */
// MockMvc and the throttle setting go unused here; declaring them lets this class share the web tests' context.
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class CryptoShreddingIntegrationTests extends FirmTest {

    private static final byte[] DOCUMENT = "privileged and confidential".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SECRET = "a TOTP secret".getBytes(StandardCharsets.UTF_8);

    @Autowired
    FirmKeys keys;

    @Autowired
    DocumentEncryption documents;

    @Autowired
    FieldEncryption fields;

    TenantId firmA;
    TenantId firmB;

    @BeforeEach
    void twoFirms() {
        firmA = aFirm("Shredded");
        firmB = aFirm("Kept");
    }

    @Test
    void aDestroyedFirmsStoredBytesNeverDecryptAgainAndNoNewKeysAreMade() throws Exception {
        var document = UUID.randomUUID();
        byte[] storedA = encryptDocument(documents, firmA, document, DOCUMENT);
        byte[] storedB = encryptDocument(documents, firmB, document, DOCUMENT);
        byte[] fieldA = TenantContext.callAs(firmA, null, () -> fields.encrypt(SECRET, "totp:a"));
        byte[] fieldB = TenantContext.callAs(firmB, null, () -> fields.encrypt(SECRET, "totp:b"));
        // Loaded, hence cached on this node, before the destruction.
        assertThat(decryptDocument(documents, firmA, document, storedA)).isEqualTo(DOCUMENT);

        int deleted = TenantContext.callAs(firmA, null, keys::destroy);

        assertThat(deleted).isEqualTo(2);
        assertThat(storedKeyset(firmA, "documents")).isNull();
        assertThat(storedKeyset(firmA, "fields")).isNull();
        // The same bytes: refused, and the cache did not keep the old keys alive.
        assertThatThrownBy(() -> decryptDocument(documents, firmA, document, storedA))
                .isInstanceOf(KeysDestroyedException.class);
        assertThatThrownBy(() -> TenantContext.callAs(firmA, null, () -> fields.decrypt(fieldA, "totp:a")))
                .isInstanceOf(KeysDestroyedException.class);
        // No fresh keyset was made on the way, and none is made to encrypt anew or by a rotation.
        assertThat(storedKeyset(firmA, "documents")).isNull();
        assertThatThrownBy(() -> encryptDocument(documents, firmA, UUID.randomUUID(), DOCUMENT))
                .isInstanceOf(KeysDestroyedException.class);
        assertThatThrownBy(() -> TenantContext.callAs(firmA, null, () -> fields.encrypt(SECRET, "totp:a")))
                .isInstanceOf(KeysDestroyedException.class);
        assertThatThrownBy(() -> TenantContext.callAs(firmA, null, keys::rotate))
                .isInstanceOf(KeysDestroyedException.class);
        assertThat(storedKeyset(firmA, "documents")).isNull();
        assertThat(storedKeyset(firmA, "fields")).isNull();

        // Firm B: untouched.
        assertStored(firmB, "documents");
        assertStored(firmB, "fields");
        assertThat(decryptDocument(documents, firmB, document, storedB)).isEqualTo(DOCUMENT);
        assertThat(TenantContext.callAs(firmB, null, () -> fields.decrypt(fieldB, "totp:b")))
                .isEqualTo(SECRET);
    }

    @Test
    void theRuntimeRoleCannotDeleteKeysetsNorRecreateADestroyedOne() throws Exception {
        encryptDocument(documents, firmA, UUID.randomUUID(), DOCUMENT);
        TenantContext.runAs(firmA, null, keys::destroy);
        try (var runtime = TestDatabase.shared().runtime().connect();
                var statement = runtime.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM lexvault.tenant_keysets"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
        // Even past the application, the table refuses a keyset for a destroyed purpose.
        try (var admin = TestDatabase.shared().administrator().connect();
                var insert = admin.prepareStatement("INSERT INTO lexvault.tenant_keysets (tenant_id, purpose,"
                        + " encrypted_keyset) VALUES (?, 'documents', '\\x00')")) {
            insert.setObject(1, firmA.value());
            assertThatThrownBy(insert::executeUpdate)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("destroyed");
        }
    }

    @Test
    void boundToAnotherFirmTheRuntimeRoleCanNeitherRewriteNorDestroyAFirmsKeys() throws Exception {
        encryptDocument(documents, firmA, UUID.randomUUID(), DOCUMENT);
        byte[] before = storedKeyset(firmA, "documents");
        try (var runtime = bound(TestDatabase.shared().runtime().connect(), firmB)) {
            try (var rewrite = runtime.prepareStatement(
                    "UPDATE lexvault.tenant_keysets SET encrypted_keyset = '\\x00' WHERE tenant_id = ?")) {
                rewrite.setObject(1, firmA.value());
                assertThat(rewrite.executeUpdate())
                        .as("row-level security hides firm A's keysets")
                        .isZero();
            }
            try (var destroy = runtime.createStatement()) {
                destroy.executeQuery("SELECT lexvault.destroy_tenant_keysets()").close();
            }
            runtime.commit();
        }
        // The stored bytes themselves (this node's cache would hide a change).
        assertThat(storedKeyset(firmA, "documents")).isNotNull().isEqualTo(before);
    }

    @Test
    void aKeysetWrittenWhileTheKeysAreDestroyedIsDestroyedWithThem() throws Exception {
        // A keyset made (uncommitted) when the destruction starts: the destruction waits, then deletes it.
        try (var maker = TestDatabase.shared().administrator().connect()) {
            maker.setAutoCommit(false);
            insertHashesKeyset(maker, firmA).executeUpdate();
            var destruction = java.util.concurrent.CompletableFuture.runAsync(() -> destroyAsRuntime(firmA));
            awaitWaitingOnALock(destruction);
            maker.commit();
            destruction.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(storedKeyset(firmA, "hashes"))
                .as("the keyset made during the destruction")
                .isNull();
    }

    @Test
    void aKeysetWrittenWhileTheDestructionIsUncommittedIsRefused() throws Exception {
        // The destruction first (uncommitted): the keyset waits for it, then is refused.
        try (var destroyer = bound(TestDatabase.shared().runtime().connect(), firmA)) {
            try (var destroy = destroyer.createStatement()) {
                destroy.executeQuery("SELECT lexvault.destroy_tenant_keysets()").close();
            }
            var made = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (var maker = TestDatabase.shared().administrator().connect()) {
                    return insertHashesKeyset(maker, firmA).executeUpdate();
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            awaitWaitingOnALock(made);
            destroyer.commit();
            assertThatThrownBy(() -> made.get(30, java.util.concurrent.TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(SQLException.class)
                    .rootCause()
                    .hasMessageContaining("destroyed");
        }
        assertThat(storedKeyset(firmA, "hashes")).isNull();
    }

    private static java.sql.PreparedStatement insertHashesKeyset(java.sql.Connection connection, TenantId firm)
            throws SQLException {
        var insert = connection.prepareStatement("INSERT INTO lexvault.tenant_keysets (tenant_id, purpose,"
                + " encrypted_keyset) VALUES (?, 'hashes', '\\x00')");
        insert.setObject(1, firm.value());
        return insert;
    }

    private static void destroyAsRuntime(TenantId firm) {
        try (var runtime = bound(TestDatabase.shared().runtime().connect(), firm);
                var destroy = runtime.createStatement()) {
            destroy.executeQuery("SELECT lexvault.destroy_tenant_keysets()").close();
            runtime.commit();
        } catch (SQLException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    /** A runtime-role connection in a transaction with the firm bound, as the application binds it. */
    private static java.sql.Connection bound(java.sql.Connection runtime, TenantId firm) throws SQLException {
        runtime.setAutoCommit(false);
        try (var bind = runtime.prepareStatement("SELECT set_config('lexvault.tenant_id', ?, true),"
                + " set_config('lexvault.context_started', (extract(epoch FROM now()) * 1000000)::bigint::text,"
                + " true)")) {
            bind.setString(1, firm.value().toString());
            bind.executeQuery().close();
        }
        return runtime;
    }

    /**
     * Until some session waits for an advisory lock, or the other side has finished (as it does when
     * nothing makes it wait, and the assertions after this then show what went wrong).
     */
    private static void awaitWaitingOnALock(java.util.concurrent.Future<?> other) throws Exception {
        try (var admin = TestDatabase.shared().administrator().connect();
                var waiting = admin.prepareStatement(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
            for (int i = 0; i < 300 && !other.isDone(); i++) {
                try (var rows = waiting.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
    }
}
