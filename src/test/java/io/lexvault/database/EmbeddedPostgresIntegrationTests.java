package io.lexvault.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lexvault.database.internal.EmbeddedPostgres;
import io.lexvault.testsupport.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The path a fresh machine takes: nothing answers on the local port, so LexVault starts its own
 * PostgreSQL from the Maven-shipped binaries, provisions and migrates it, and stops it again. Run as
 * root (as on CI), the server must run as an unprivileged account.
 */
class EmbeddedPostgresIntegrationTests {

    private final Path dataDirectory =
            Path.of("target", "embedded-pg-test-" + TestDatabase.randomName()).toAbsolutePath();

    @AfterEach
    void removeCluster() throws IOException {
        Path pg = dataDirectory.resolve("pg");
        Path real = Files.isSymbolicLink(pg) ? pg.toRealPath() : pg;
        deleteRecursively(real);
        deleteRecursively(dataDirectory);
    }

    @Test
    void startsMigratesAndStopsWhenNothingElseAnswers() throws Exception {
        var settings = DatabaseSettings.fromEnvironment(Map.of("LEXVAULT_DATA_DIR", dataDirectory.toString()));
        String nobodyListens = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/postgres";

        DatabaseServer server = DatabaseServer.locate(settings, nobodyListens, true);
        try {
            assertThat(server.source()).isEqualTo(DatabaseServer.Source.EMBEDDED);
            var embedded = server.embedded();
            assertThat(embedded).isNotNull();

            if (isRoot()) {
                assertThat(embedded.osUser()).isEqualTo(EmbeddedPostgres.DEDICATED_ACCOUNT);
                assertThat(Files.getOwner(embedded.baseDirectory()).getName()).isEqualTo("root");
                assertThat(Files.getOwner(embedded.dataDirectory()).getName()).isEqualTo(embedded.osUser());
                assertThat(processOwner(postmasterPid(embedded.dataDirectory())))
                        .isNotEqualTo(0);
            }

            DatabaseLogin runtime = DatabaseProvisioner.provision(server, settings.roles(), "runtime-password-1");
            try (var connection = runtime.connect();
                    var rows = connection
                            .createStatement()
                            .executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'lexvault'"
                                    + " AND tablename IN ('tenants', 'tenant_settings')")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(2);
            }
            // Password authentication is on: the superuser cannot log in without its password.
            var withoutPassword = embedded.superuserLogin("postgres").withUser(EmbeddedPostgres.SUPERUSER, null);
            assertThatThrownBy(withoutPassword::connect).isInstanceOf(SQLException.class);
            // Only loopback TCP: the data directory has no Unix socket.
            try (var files = Files.list(Path.of("/tmp"))) {
                assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".s.PGSQL." + embedded.port()));
            }
        } finally {
            server.close();
        }

        assertThat(server.embedded().isRunning()).isFalse();
        assertThat(server.embedded().dataDirectory().resolve("postmaster.pid")).doesNotExist();
        assertThat(accepts(server.embedded().port())).isFalse();
    }

    @Test
    void restartsOnExistingDataAndKeepsIt() throws Exception {
        var settings = DatabaseSettings.fromEnvironment(Map.of("LEXVAULT_DATA_DIR", dataDirectory.toString()));
        String firm = "kept-" + TestDatabase.randomName();
        try (var first = DatabaseServer.startEmbedded(settings, true)) {
            DatabaseProvisioner.provision(first, settings.roles(), "pw-one-123456");
            try (var admin = first.administrator().connect();
                    var statement = admin.prepareStatement("SELECT lexvault.register_tenant('Kept LLP', ?)")) {
                statement.setString(1, firm);
                statement.execute();
            }
        }
        try (var second = DatabaseServer.startEmbedded(settings, true)) {
            DatabaseProvisioner.provision(second, settings.roles(), "pw-two-123456");
            try (var admin = second.administrator().connect();
                    var statement = admin.prepareStatement("SELECT count(*) FROM lexvault.find_tenant_by_slug(?)")) {
                statement.setString(1, firm);
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    assertThat(rows.getInt(1))
                            .as("the firm written before the restart")
                            .isEqualTo(1);
                }
            }
        }
    }

    @Test
    void rootNeverFollowsLinksPlantedByTheDatabaseAccount() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(isRoot(), "only meaningful when LexVault runs as root");
        var settings = DatabaseSettings.fromEnvironment(Map.of("LEXVAULT_DATA_DIR", dataDirectory.toString()));
        Path base;
        try (var first = DatabaseServer.startEmbedded(settings, true)) {
            base = first.embedded().baseDirectory();
        }
        // Acting as the database account: force a fresh initdb and plant links towards a root-owned
        // victim wherever the account can write, including where root once wrote the initdb password.
        Path victim = Files.createTempFile(Path.of("/tmp"), "victim-", ".txt");
        Files.writeString(victim, "untouched");
        String account = EmbeddedPostgres.DEDICATED_ACCOUNT;
        Path data = base.resolve("data");
        assertThat(asAccount(account, "rm", data.resolve("PG_VERSION").toString()))
                .isZero();
        assertThat(plantLink(account, victim, data.resolve("postgresql.conf.new")))
                .isZero();
        assertThat(plantLink(account, victim, base.resolve("initdb-password")))
                .as("the account cannot write into the root-owned base directory")
                .isNotZero();
        try (var second = DatabaseServer.startEmbedded(settings, true)) {
            assertThat(second.embedded().isRunning()).isTrue();
        } finally {
            assertThat(Files.readString(victim)).isEqualTo("untouched");
            assertThat(Files.getOwner(victim).getName()).isEqualTo("root");
            Files.delete(victim);
        }
        // Root-owned places cannot be replaced by the account at all.
        assertThat(Files.getOwner(base).getName()).isEqualTo("root");
        assertThat(Files.getOwner(base.resolve("binaries")).getName()).isEqualTo("root");
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path each : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        }
    }

    /** Exit status of `ln -s victim at`, run as the database account. */
    private static int plantLink(String account, Path victim, Path at) throws Exception {
        return asAccount(account, "ln", "-s", victim.toString(), at.toString());
    }

    private static int asAccount(String account, String... command) throws Exception {
        var full = new java.util.ArrayList<>(java.util.List.of("runuser", "-u", account, "--"));
        full.addAll(java.util.List.of(command));
        var process = new ProcessBuilder(full).redirectErrorStream(true).start();
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return process.waitFor();
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    private static long postmasterPid(Path data) throws IOException {
        return Long.parseLong(
                Files.readAllLines(data.resolve("postmaster.pid")).getFirst().strip());
    }

    private static int processOwner(long pid) throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/" + pid), "unix:uid");
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
