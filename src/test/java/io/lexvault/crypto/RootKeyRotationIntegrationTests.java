package io.lexvault.crypto;

import static io.lexvault.crypto.KeyTestSupport.decryptDocument;
import static io.lexvault.crypto.KeyTestSupport.encryptDocument;
import static io.lexvault.crypto.KeyTestSupport.storedKeyset;
import static io.lexvault.crypto.KeyTestSupport.wrapping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.lexvault.crypto.internal.FreshTenantKeysets;
import io.lexvault.crypto.internal.KeysetFile;
import io.lexvault.crypto.internal.RootKey;
import io.lexvault.crypto.internal.RootKeySources;
import io.lexvault.crypto.internal.RootKeyWrapBarrier;
import io.lexvault.crypto.internal.RootKeysets;
import io.lexvault.crypto.internal.TenantKeysets;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.FirmTest;
import io.lexvault.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Root key rotation on the test run's real root keyset file (every test context of the run shares it
 * and the database, so the other contexts must follow the rotation too, which is part of the point):
 * what was encrypted before still decrypts on a node that has only the new root key, the stored
 * wrapped keysets changed, the old root key alone no longer unwraps them, and an interrupted rotation
 * completes when run again.
 */
// MockMvc and the throttle setting go unused here; declaring them lets this class share the web tests' context.
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class RootKeyRotationIntegrationTests extends FirmTest {

    private static final byte[] SECRET = "a TOTP secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DOCUMENT = "a privileged memo".getBytes(StandardCharsets.UTF_8);

    @Autowired
    RootKeyRotation rotation;

    @Autowired
    RootKey root;

    @Autowired
    FieldEncryption fields;

    @Autowired
    DocumentEncryption documents;

    @Autowired
    ServerSigningKeys signingKeys;

    @Autowired
    WrappedKeysets wrapped;

    @Autowired
    TenantKeysets tenantKeysets;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    javax.sql.DataSource dataSource;

    @Value("${lexvault.data-dir}")
    Path dataDirectory;

    TenantId firmA;
    TenantId firmB;

    @BeforeEach
    void twoFirms() {
        firmA = aFirm("Root A");
        firmB = aFirm("Root B");
    }

    @Test
    void afterRotationWhatWasEncryptedBeforeDecryptsWithTheNewRootKeyAlone() throws Exception {
        var document = UUID.randomUUID();
        byte[] fieldA = TenantContext.callAs(firmA, null, () -> fields.encrypt(SECRET, "totp:a"));
        byte[] fieldB = TenantContext.callAs(firmB, null, () -> fields.encrypt(SECRET, "totp:b"));
        byte[] documentA = encryptDocument(documents, firmA, document, DOCUMENT);
        byte[] documentB = encryptDocument(documents, firmB, document, DOCUMENT);
        String signingPurpose = "rotation-" + TestDatabase.randomName();
        byte[] signingPublicKey = signingKeys.forPurpose(signingPurpose).publicKey();
        KeysetHandle oldRoot = fileKeyset();
        byte[] wrappedBefore = storedKeyset(firmA, "documents");
        // A node started before the rotation: it loaded the old keyset only.
        RootKey startedBefore = RootKey.load("", dataDirectory);
        var audited = new ArrayList<String>();

        var outcome = rotation.rotate((firm, rootKeyId, keysets) -> {
            // In the firm's own transaction, bound to it, so the audit event commits with the re-wrap.
            assertThat(TenantContext.requireTenant()).isEqualTo(firm);
            assertThat(TransactionSynchronizationManager.isActualTransactionActive())
                    .isTrue();
            audited.add(firm.value() + ":" + keysets);
        });

        KeysetHandle newRoot = fileKeyset();
        assertThat(newRoot.size()).isEqualTo(1);
        assertThat(newRoot.getPrimary().getId())
                .isEqualTo(outcome.rootKeyId())
                .isNotEqualTo(oldRoot.getPrimary().getId());
        assertThat(outcome.resumed()).isFalse();
        assertThat(Files.getPosixFilePermissions(keysetFile().path()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(audited).contains(firmA.value() + ":2", firmB.value() + ":2");

        // The stored bytes changed, the old root key alone no longer unwraps them, the new one alone does.
        byte[] wrappedAfter = Objects.requireNonNull(storedKeyset(firmA, "documents"));
        assertThat(wrappedAfter).isNotEqualTo(wrappedBefore);
        Aead oldOnly = RootKeysets.aead(oldRoot);
        for (var firm : List.of(firmA, firmB)) {
            for (var purpose : List.of("fields", "documents")) {
                byte[] stored = Objects.requireNonNull(storedKeyset(firm, purpose));
                assertThatThrownBy(() ->
                                TinkProtoKeysetFormat.parseEncryptedKeyset(stored, oldOnly, wrapping(firm, purpose)))
                        .as("%s keyset of %s under the old root key", purpose, firm)
                        .isInstanceOf(java.security.GeneralSecurityException.class);
                TinkProtoKeysetFormat.parseEncryptedKeyset(stored, RootKeysets.aead(newRoot), wrapping(firm, purpose));
            }
        }

        // A freshly started node, with only the new root key in its file, decrypts what was stored before.
        var fresh = FreshTenantKeysets.over(RootKey.load("", dataDirectory), jdbc, transactions);
        var freshFields = new FieldEncryption(fresh);
        var freshDocuments = new DocumentEncryption(fresh);
        assertThat(TenantContext.callAs(firmA, null, () -> freshFields.decrypt(fieldA, "totp:a")))
                .isEqualTo(SECRET);
        assertThat(TenantContext.callAs(firmB, null, () -> freshFields.decrypt(fieldB, "totp:b")))
                .isEqualTo(SECRET);
        assertThat(decryptDocument(freshDocuments, firmA, document, documentA)).isEqualTo(DOCUMENT);
        assertThat(decryptDocument(freshDocuments, firmB, document, documentB)).isEqualTo(DOCUMENT);
        assertThat(new ServerSigningKeys(
                                new ServerSigningKeyRepository(jdbc), RootKey.load("", dataDirectory), transactions)
                        .forPurpose(signingPurpose)
                        .publicKey())
                .isEqualTo(signingPublicKey);

        // The node started before the rotation reads the file again when an unwrap fails, and follows.
        var followed = new FieldEncryption(FreshTenantKeysets.over(startedBefore, jdbc, transactions));
        assertThat(TenantContext.callAs(firmA, null, () -> followed.decrypt(fieldA, "totp:a")))
                .isEqualTo(SECRET);
        // A firm's first keyset after the rotation is wrapped under the new key, also by that node.
        var firmC = aFirm("Root C");
        TenantContext.callAs(firmC, null, () -> followed.encrypt(SECRET, "totp:c"));
        TinkProtoKeysetFormat.parseEncryptedKeyset(
                Objects.requireNonNull(storedKeyset(firmC, "fields")),
                RootKeysets.aead(newRoot),
                wrapping(firmC, "fields"));
        // And this context's own beans, which cached the firms' keysets, go on working.
        assertThat(TenantContext.callAs(firmA, null, () -> fields.decrypt(fieldA, "totp:a")))
                .isEqualTo(SECRET);
    }

    @Test
    void theOldKeysAreRetiredToAFileThatRestoresABackupFromBeforeTheRotation() throws Exception {
        TenantContext.callAs(firmA, null, () -> fields.encrypt(SECRET, "totp:a"));
        KeysetHandle oldRoot = fileKeyset();
        // What a database backup taken now holds.
        byte[] backedUp = Objects.requireNonNull(storedKeyset(firmA, "fields"));

        var outcome = rotation.rotate((firm, rootKeyId, keysets) -> {});

        Path retired = Objects.requireNonNull(outcome.retiredKeysetFile());
        assertThat(retired.getParent()).isEqualTo(keysetFile().path().getParent());
        assertThat(retired.getFileName().toString())
                .matches("root-keyset\\.retired-"
                        + Integer.toUnsignedString(oldRoot.getPrimary().getId())
                        + "-\\d{8}T\\d{6}Z\\.json");
        assertThat(Files.getPosixFilePermissions(retired)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        KeysetHandle retiredKeys =
                TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(retired), InsecureSecretKeyAccess.get());
        assertThat(retiredKeys.size()).isEqualTo(1);
        assertThat(retiredKeys.getPrimary().getId())
                .isEqualTo(oldRoot.getPrimary().getId())
                .isNotEqualTo(outcome.rootKeyId());
        // The backup's keyset unwraps with the retired file; the rotated file alone no longer does.
        TinkProtoKeysetFormat.parseEncryptedKeyset(backedUp, RootKeysets.aead(retiredKeys), wrapping(firmA, "fields"));
        assertThatThrownBy(() -> TinkProtoKeysetFormat.parseEncryptedKeyset(
                        backedUp, RootKeysets.aead(fileKeyset()), wrapping(firmA, "fields")))
                .isInstanceOf(java.security.GeneralSecurityException.class);
    }

    /**
     * The race of a firm's first keyset with a rotation: a server reads the file while it holds the
     * old key alone, wraps the firm's first keyset under it, and commits only after the rotation has
     * re-wrapped every row it could see. The rotation must not remove the old key before that row is
     * under the new one (it waits for the commit at the barrier, then re-wraps it).
     */
    @Test
    void aFirstKeysetWrappedUnderTheOldKeyAndCommittedDuringTheRotationStillUnwrapsAfterIt() throws Exception {
        TenantContext.callAs(firmA, null, () -> fields.encrypt(SECRET, "totp:a"));
        var firmC = aFirm("Root race");
        KeysetHandle oldRoot = fileKeyset();
        var wrappedUnderOldKey = new CountDownLatch(1);
        var commit = new CountDownLatch(1);
        var threads = Executors.newFixedThreadPool(2);
        try {
            // The server making firm C's first keyset, in a transaction that stays open until told.
            Future<?> server = threads.submit(() -> TenantContext.runAs(
                    firmC,
                    null,
                    () -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                        tenantKeysets.rotate(firmC, "fields", PredefinedAeadParameters.AES256_GCM);
                        wrappedUnderOldKey.countDown();
                        awaitQuietly(commit);
                    })));
            assertThat(wrappedUnderOldKey.await(30, TimeUnit.SECONDS)).isTrue();
            // Wrapped under the old key, the only one the file held, and not committed: nobody sees it yet.
            try (var admin = TestDatabase.shared().administrator().connect()) {
                assertThat(admin.createStatement()
                                .executeQuery("SELECT 1 FROM lexvault.tenant_keysets WHERE tenant_id = '"
                                        + firmC.value() + "'")
                                .next())
                        .isFalse();
            }

            Future<RootKeyRotation.Outcome> rotating =
                    threads.submit(() -> rotation.rotate((firm, rootKeyId, keysets) -> {}));
            // Until the rotation waits at the barrier for the server to commit, or (without the
            // barrier) has finished without it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!rotating.isDone() && !rotationWaitsAtTheBarrier()) {
                assertThat(System.nanoTime())
                        .as("the rotation neither finished nor waited")
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
            commit.countDown();
            server.get(30, TimeUnit.SECONDS);
            var outcome = rotating.get(60, TimeUnit.SECONDS);

            assertThat(outcome.rootKeyId()).isNotEqualTo(oldRoot.getPrimary().getId());
            // Rebuilt from the keyset file alone, as after a restart: every keyset stored unwraps.
            KeysetHandle fileAlone = fileKeyset();
            assertThat(fileAlone.size()).isEqualTo(1);
            assertEveryStoredKeysetUnwrapsWith(RootKeysets.aead(fileAlone));
            var restarted =
                    new FieldEncryption(FreshTenantKeysets.over(RootKey.load("", dataDirectory), jdbc, transactions));
            byte[] field = TenantContext.callAs(firmC, null, () -> restarted.encrypt(SECRET, "totp:c"));
            assertThat(TenantContext.callAs(firmC, null, () -> restarted.decrypt(field, "totp:c")))
                    .isEqualTo(SECRET);
        } finally {
            commit.countDown();
            threads.shutdown();
            assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never told to commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether a session waits for the barrier exclusive (a bigint advisory key: high and low halves). */
    private static boolean rotationWaitsAtTheBarrier() throws Exception {
        try (var admin = TestDatabase.shared().administrator().connect();
                var query = admin.prepareStatement("""
                        SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
                                          AND mode = 'ExclusiveLock' AND classid::bigint = ? AND objid::bigint = ?
                                          AND objsubid = 1)
                        """)) {
            query.setLong(1, RootKeyWrapBarrier.KEY >>> 32);
            query.setLong(2, RootKeyWrapBarrier.KEY & 0xFFFF_FFFFL);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private static void assertEveryStoredKeysetUnwrapsWith(Aead root) throws Exception {
        int checked = 0;
        try (var admin = TestDatabase.shared().administrator().connect();
                var statement = admin.createStatement()) {
            try (var rows = statement.executeQuery(
                    "SELECT tenant_id, purpose, encrypted_keyset FROM lexvault.tenant_keysets")) {
                while (rows.next()) {
                    var firm = new TenantId(rows.getObject(1, UUID.class));
                    String purpose = rows.getString(2);
                    byte[] stored = rows.getBytes(3);
                    assertThatCode(() ->
                                    TinkProtoKeysetFormat.parseEncryptedKeyset(stored, root, wrapping(firm, purpose)))
                            .as("the %s keyset of %s", purpose, firm)
                            .doesNotThrowAnyException();
                    checked++;
                }
            }
            try (var rows =
                    statement.executeQuery("SELECT purpose, encrypted_keyset FROM lexvault.server_signing_keys")) {
                while (rows.next()) {
                    String purpose = rows.getString(1);
                    byte[] stored = rows.getBytes(2);
                    assertThatCode(() -> TinkProtoKeysetFormat.parseEncryptedKeyset(
                                    stored, root, ("lexvault-signing-key|" + purpose).getBytes(StandardCharsets.UTF_8)))
                            .as("the %s signing key", purpose)
                            .doesNotThrowAnyException();
                }
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void aRunInterruptedAfterTheNewKeyWasAddedIsCompletedByTheNextRun() throws Exception {
        byte[] field = TenantContext.callAs(firmA, null, () -> fields.encrypt(SECRET, "totp:a"));
        int oldKey = fileKeyset().getPrimary().getId();

        // Phase 1 only, as if the process died right after writing the keyset file.
        KeysetHandle combined = rotation.begin(keysetFile());

        assertThat(fileKeyset().size()).isEqualTo(2);
        assertThat(Files.getPosixFilePermissions(keysetFile().path()))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        // Nothing is unreadable in between: rows are still under the old key, which the file keeps.
        var between = new FieldEncryption(FreshTenantKeysets.over(RootKey.load("", dataDirectory), jdbc, transactions));
        assertThat(TenantContext.callAs(firmA, null, () -> between.decrypt(field, "totp:a")))
                .isEqualTo(SECRET);

        var outcome = rotation.rotate((firm, rootKeyId, keysets) -> {});

        assertThat(outcome.resumed()).isTrue();
        assertThat(outcome.rootKeyId()).isEqualTo(combined.getPrimary().getId()).isNotEqualTo(oldKey);
        KeysetHandle after = fileKeyset();
        assertThat(after.size()).isEqualTo(1);
        assertThat(after.getPrimary().getId()).isEqualTo(outcome.rootKeyId());
        var fresh = new FieldEncryption(FreshTenantKeysets.over(RootKey.load("", dataDirectory), jdbc, transactions));
        assertThat(TenantContext.callAs(firmA, null, () -> fresh.decrypt(field, "totp:a")))
                .isEqualTo(SECRET);
    }

    @Test
    void aFirmThatFailsMidwayKeepsTheOldKeyAndTheNextRunCompletes() throws Exception {
        byte[] fieldA = TenantContext.callAs(firmA, null, () -> fields.encrypt(SECRET, "totp:a"));
        byte[] fieldB = TenantContext.callAs(firmB, null, () -> fields.encrypt(SECRET, "totp:b"));
        byte[] wrappedB = storedKeyset(firmB, "fields");
        int oldKey = fileKeyset().getPrimary().getId();

        assertThatThrownBy(() -> rotation.rotate((firm, rootKeyId, keysets) -> {
                    if (firm.equals(firmB)) {
                        throw new IllegalStateException("the audit log refused");
                    }
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("old root key was kept")
                .hasMessageContaining("firm " + firmB.value() + ": the audit log refused");

        // B's re-wrap rolled back with its audit event; the file keeps both keys, so everything unwraps.
        assertThat(storedKeyset(firmB, "fields")).isEqualTo(wrappedB);
        KeysetHandle between = fileKeyset();
        assertThat(between.size()).isEqualTo(2);
        assertThat(between.getKeysetInfo().getKeyInfoList())
                .extracting(info -> info.getKeyId())
                .contains(oldKey);

        var outcome = rotation.rotate((firm, rootKeyId, keysets) -> {});

        assertThat(outcome.resumed()).isTrue();
        assertThat(fileKeyset().size()).isEqualTo(1);
        var fresh = new FieldEncryption(FreshTenantKeysets.over(RootKey.load("", dataDirectory), jdbc, transactions));
        assertThat(TenantContext.callAs(firmA, null, () -> fresh.decrypt(fieldA, "totp:a")))
                .isEqualTo(SECRET);
        assertThat(TenantContext.callAs(firmB, null, () -> fresh.decrypt(fieldB, "totp:b")))
                .isEqualTo(SECRET);
    }

    @Test
    void aConfiguredKeysetIsRotatedThroughAFileTheOperatorDeploys(@TempDir Path operator) throws Exception {
        byte[] field = TenantContext.callAs(firmA, null, () -> fields.encrypt(SECRET, "totp:a"));
        String configured = RootKeysets.json(fileKeyset());
        var configuredRotation = rotationOver(RootKey.of(RootKeySources.choose(configured, "", operator)));
        Path newKeyset = operator.resolve("root-keyset-new.json");

        // The file flow refuses a keyset LexVault cannot rewrite, and says what to do instead.
        assertThatThrownBy(() -> configuredRotation.rotate((firm, rootKeyId, keysets) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot rewrite")
                .hasMessageContaining("--new-keyset-file");
        assertThatThrownBy(() -> configuredRotation.finishWithKeysetFile(newKeyset, (firm, rootKeyId, keysets) -> {}))
                .hasMessageContaining("no rotation to finish");

        int newKey = configuredRotation.prepareKeysetFile(newKeyset);

        assertThat(Files.getPosixFilePermissions(newKeyset)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> configuredRotation.prepareKeysetFile(newKeyset))
                .hasMessageContaining("exists already");
        // The operator configures the combined keyset on every node, then finishes with it.
        String combined = Files.readString(newKeyset);
        var deployed = rotationOver(RootKey.of(RootKeySources.choose(combined, "", operator)));
        var outcome = deployed.finishWithKeysetFile(newKeyset, (firm, rootKeyId, keysets) -> {});
        KeysetHandle newAlone =
                TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(newKeyset), InsecureSecretKeyAccess.get());
        // Every other context of this test run reads the shared keyset file: it gets the new key too,
        // as the operator's nodes get it configured (before any assertion, so a failure here cannot
        // leave the run's database wrapped under a key no context has).
        keysetFile().replace(newAlone);

        assertThat(outcome.rootKeyId()).isEqualTo(newKey);
        assertThat(newAlone.size()).isEqualTo(1);
        assertThat(newAlone.getPrimary().getId()).isEqualTo(newKey);
        assertThat(Files.getPosixFilePermissions(newKeyset)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        var fresh = new FieldEncryption(FreshTenantKeysets.over(
                RootKey.of(RootKeySources.choose(Files.readString(newKeyset), "", operator)), jdbc, transactions));
        assertThat(TenantContext.callAs(firmA, null, () -> fresh.decrypt(field, "totp:a")))
                .isEqualTo(SECRET);
    }

    @Test
    void aKmsRootKeyIsRotatedInTheKms() {
        var kms = rotationOver(RootKey.of(RootKeySources.choose(
                "",
                "aws-kms://arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                dataDirectory)));
        assertThatThrownBy(() -> kms.rotate((firm, rootKeyId, keysets) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Rotate it in AWS KMS");
        assertThatThrownBy(() -> kms.prepareKeysetFile(dataDirectory.resolve("unused.json")))
                .hasMessageContaining("Rotate it in AWS KMS");
    }

    @Test
    void theRuntimeRoleMayReplaceOnlyTheWrappedBytesOfASigningKeyAndSeesNoFirmsKeysetsUnbound() throws Exception {
        signingKeys.forPurpose("grant-" + TestDatabase.randomName());
        TenantContext.callAs(firmA, null, () -> fields.encrypt(SECRET, "totp:a"));
        try (var runtime = TestDatabase.shared().runtime().connect();
                var statement = runtime.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE lexvault.server_signing_keys SET purpose = 'x'"))
                    .isInstanceOf(java.sql.SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM lexvault.server_signing_keys"))
                    .isInstanceOf(java.sql.SQLException.class)
                    .hasMessageContaining("permission denied");
            // With no firm bound, re-wrapping reaches no firm's keysets (row-level security).
            assertThat(statement.executeUpdate("UPDATE lexvault.tenant_keysets SET rewrapped_at = now()"))
                    .isZero();
            // The tenant-less listing tells firm ids and nothing else.
            try (var rows = statement.executeQuery("SELECT * FROM lexvault.firms_with_keysets()")) {
                assertThat(rows.getMetaData().getColumnCount()).isEqualTo(1);
                var listed = new ArrayList<UUID>();
                while (rows.next()) {
                    listed.add(rows.getObject(1, UUID.class));
                }
                assertThat(listed).contains(firmA.value()).doesNotContain(firmB.value());
            }
        }
    }

    private RootKeyRotation rotationOver(RootKey other) {
        return new RootKeyRotation(other, wrapped, dataSource, transactions, event -> {});
    }

    private KeysetFile keysetFile() {
        return (KeysetFile) root.source();
    }

    private KeysetHandle fileKeyset() throws Exception {
        return keysetFile().read();
    }
}
