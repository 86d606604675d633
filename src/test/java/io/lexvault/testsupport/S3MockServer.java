package io.lexvault.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server for the tests: Adobe S3Mock's executable jar (fetched by Maven into {@code
 * target/s3mock}), started once per test run as a process of its own on a free port, with one bucket.
 * Its own Spring Boot never shares a class path with ours.
 */
public final class S3MockServer {

    public static final String BUCKET = "lexvault-checkpoints";
    public static final String REGION = "us-east-1";

    /**
     * What the tests hand the SDK's default credentials chain (S3Mock accepts any); the application
     * reads them the way it reads real ones in production, from outside its configuration.
     */
    public static final Map<String, String> CREDENTIALS =
            Map.of("aws.accessKeyId", "s3mock-test-key", "aws.secretAccessKey", "s3mock-test-secret");

    private static S3MockServer shared;

    private final Process process;
    private final URI endpoint;

    private S3MockServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** The run's server, started on first use and stopped when the test JVM exits. */
    public static synchronized S3MockServer shared() {
        if (shared == null) {
            CREDENTIALS.forEach(System::setProperty);
            shared = start();
            // after the test contexts have closed (see TestDatabase): a storage bean closing must find it
            SpringApplication.getShutdownHandlers().add(shared.process::destroy);
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** An independent client that reads what the application wrote (path-style, as S3Mock needs). */
    public S3Client client() {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(REGION))
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        CREDENTIALS.get("aws.accessKeyId"), CREDENTIALS.get("aws.secretAccessKey"))))
                .build();
    }

    /** A local port nothing listens on (taken and released), for an unreachable store. */
    public static int closedPort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static S3MockServer start() {
        Path jar = Path.of(System.getProperty("lexvault.test.s3mock-jar", "target/s3mock/s3mock-exec.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: Maven copies S3Mock's jar there in process-test-resources (run the tests"
                            + " through ./mvnw)");
        }
        try {
            int port = closedPort();
            // Under target/, so `mvn clean` removes what a killed run leaves behind.
            Path root = Files.createTempDirectory(
                    Files.createDirectories(jar.toAbsolutePath().resolveSibling("stores")), "run-");
            Path log = jar.resolveSibling("s3mock.log");
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            var process = new ProcessBuilder(
                            java,
                            "-Xmx256m",
                            "-XX:TieredStopAtLevel=1",
                            "-jar",
                            jar.toAbsolutePath().toString(),
                            "--http.port=" + port,
                            "--server.port=0", // its HTTPS port, unused here
                            "--server.address=127.0.0.1",
                            "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
                            "--com.adobe.testing.s3mock.store.root=" + root,
                            "--com.adobe.testing.s3mock.store.region=" + REGION)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            var endpoint = URI.create("http://127.0.0.1:" + port);
            awaitBucket(process, endpoint, log);
            return new S3MockServer(process, endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls until the bucket answers (bounded), or fails with the server's log when it died. */
    private static void awaitBucket(Process process, URI endpoint, Path log) throws IOException {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var request = HttpRequest.newBuilder(endpoint.resolve("/" + BUCKET + "?list-type=2"))
                .timeout(Duration.ofSeconds(10))
                .build();
        for (int attempt = 0; attempt < 240 && process.isAlive(); attempt++) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroy();
        throw new IllegalStateException("S3Mock did not start; its log:\n" + Files.readString(log));
    }
}
