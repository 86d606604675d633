package io.lexvault.documents;

import io.lexvault.LexVaultCli;
import io.lexvault.database.DatabaseLogin;
import io.lexvault.database.DatabaseProvisioner;
import io.lexvault.database.DatabaseServer;
import io.lexvault.database.DatabaseSettings;
import io.lexvault.database.RoleNames;
import io.lexvault.testsupport.FreePorts;
import io.lexvault.testsupport.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code lexvault serve} in a JVM of its own (the main class on this JVM's class path, so nothing is
 * rebuilt), with the heap and JVM options the caller chooses, against a database of its own on the
 * test PostgreSQL; a firm made with {@code admin create-firm} and an API key for its administrator
 * made with {@code admin create-api-key}, as an operator would. For measurements that the test JVM's
 * own large heap would hide.
 */
final class ServedLexVault implements AutoCloseable {

    private static final Pattern KEY = Pattern.compile("Key \\(shown only now\\): (\\S+)");
    private static final Pattern SLUG = Pattern.compile("Created firm \"[^\"]*\" \\(([a-z0-9-]+)\\)");

    private final DatabaseServer server;
    private final RoleNames roles;
    private final Process process;
    private final Path data;
    private final Path log;
    private final String base;
    private final String apiKey;

    private ServedLexVault(
            DatabaseServer server, RoleNames roles, Process process, Path data, Path log, String base, String apiKey) {
        this.server = server;
        this.roles = roles;
        this.process = process;
        this.data = data;
        this.log = log;
        this.base = base;
        this.apiKey = apiKey;
    }

    /**
     * Starts the server with {@code jvmOptions} (e.g. {@code -Xmx96m}) and {@code settings} as
     * environment variables (e.g. {@code LEXVAULT_DOCUMENTS_MAXSIZE}), and waits until it answers.
     *
     * @param work a directory of its own for the data directory (blobs, secrets) and the logs
     */
    static ServedLexVault start(Path work, List<String> jvmOptions, Map<String, String> settings)
            throws IOException, InterruptedException {
        String run = TestDatabase.randomName();
        var databaseSettings = DatabaseSettings.fromEnvironment(System.getenv())
                .withDataDirectory(work.resolve("test-var").toAbsolutePath());
        var server = DatabaseServer.locateForTests(databaseSettings).withApplicationDatabase("lexvault_big_" + run);
        var roles = RoleNames.withPrefix("lexvault_b" + run);
        DatabaseLogin admin = server.administrator();
        int port = FreePorts.any();
        Files.createDirectories(work);
        var env = new HashMap<String, String>();
        env.put("LEXVAULT_DB_URL", admin.jdbcUrl());
        env.put("LEXVAULT_DB_USER", admin.user());
        if (admin.password() != null) {
            env.put("LEXVAULT_DB_PASSWORD", admin.password());
        }
        env.put("LEXVAULT_DB_ROLE_PREFIX", "lexvault_b" + run);
        Path data = work.resolve("var").toAbsolutePath();
        env.put("LEXVAULT_DATA_DIR", data.toString());
        env.put("LEXVAULT_PORT", String.valueOf(port));
        env.put("LEXVAULT_PUBLIC_URL", "http://localhost:" + port);
        env.putAll(settings);
        try {
            String email = "ann-" + run + "@smith.example";
            var created = command(
                    env,
                    work,
                    "create-firm",
                    "violet harbour engine quartz\n",
                    "admin",
                    "create-firm",
                    "--name",
                    "Big Files " + run,
                    "--admin-email",
                    email,
                    "--password-stdin");
            var slug = SLUG.matcher(created);
            if (!slug.find()) {
                throw new IllegalStateException("create-firm did not say which firm it made:\n" + created);
            }
            var keyed = command(
                    env,
                    work,
                    "create-api-key",
                    "",
                    "admin",
                    "create-api-key",
                    "--firm",
                    slug.group(1),
                    "--user",
                    email,
                    "--scopes",
                    "clients.create,matters.create,documents.upload,documents.download");
            var key = KEY.matcher(keyed);
            if (!key.find()) {
                throw new IllegalStateException("create-api-key printed no key:\n" + keyed);
            }
            var java = new ArrayList<>(List.of(javaBinary()));
            java.addAll(jvmOptions);
            java.addAll(List.of("-cp", classPath(), LexVaultCli.class.getName(), "serve"));
            Path log = work.resolve("server.log");
            var builder = new ProcessBuilder(java)
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            var served =
                    new ServedLexVault(server, roles, process, data, log, "http://127.0.0.1:" + port, key.group(1));
            served.awaitHealth();
            return served;
        } catch (IOException | InterruptedException | RuntimeException e) {
            DatabaseProvisioner.drop(server, roles);
            server.close();
            throw e;
        }
    }

    String base() {
        return base;
    }

    String apiKey() {
        return apiKey;
    }

    Process process() {
        return process;
    }

    Path log() {
        return log;
    }

    String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** A request to this server with the API key. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + apiKey);
    }

    /**
     * Stops the server (SIGTERM, as an operator would), drops its database and deletes its data
     * directory (hundreds of MB of blobs); the logs stay.
     */
    @Override
    public void close() throws InterruptedException, IOException {
        try {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            DatabaseProvisioner.drop(server, roles);
            server.close();
            deleteTree(data);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private void awaitHealth() throws IOException, InterruptedException {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int attempt = 0; attempt < 600 && process.isAlive(); attempt++) {
            try {
                var response = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        process.destroyForcibly();
        throw new IllegalStateException("LexVault did not answer (alive=" + process.isAlive() + "); its log:\n"
                + Files.readString(log, StandardCharsets.UTF_8));
    }

    /** One CLI command in a JVM of its own; its output, or an exception with it when it fails. */
    private static String command(Map<String, String> env, Path work, String name, String stdin, String... arguments)
            throws IOException, InterruptedException {
        var java = new ArrayList<>(List.of(javaBinary(), "-cp", classPath(), LexVaultCli.class.getName()));
        java.addAll(List.of(arguments));
        var builder = new ProcessBuilder(java).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(name + " failed:\n" + output);
        }
        return output;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The application's class path: this JVM's without the test classes, whose Spring initializer
     * would point the server at the test run's database (testsupport/TestDatabaseInitializer).
     * Surefire may run tests from a manifest-only jar: its real class path is then in {@code
     * surefire.test.class.path}. Made absolute, as the child runs in its own directory.
     */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String path = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !Path.of(entry).endsWith("test-classes"))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
