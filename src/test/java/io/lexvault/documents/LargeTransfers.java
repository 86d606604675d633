package io.lexvault.documents;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Large uploads and downloads against a {@link ServedLexVault} over real HTTP, streamed on the client
 * side too: no file is ever held whole in the client's memory either.
 */
final class LargeTransfers {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern SHA256 = Pattern.compile("\"sha256\":\"([0-9a-f]{64})\"");
    private static final Pattern SIZE = Pattern.compile("\"size\":(\\d+)");

    /** What the server answered to an upload. */
    record Uploaded(UUID document, long size, String sha256, long nanos) {}

    /** What a download delivered. */
    record Downloaded(int status, long size, String sha256, long nanos) {}

    private final ServedLexVault server;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    LargeTransfers(ServedLexVault server) {
        this.server = server;
    }

    /** A client and a matter of it, through the API; the matter's id. */
    UUID newMatter(String number) throws IOException, InterruptedException {
        String client = post("/api/v1/clients", "{\"name\":\"Large files client " + number + "\"}");
        String clientId = first(ID, client, "client id");
        String matter = post(
                "/api/v1/matters",
                "{\"clientId\":\"" + clientId + "\",\"number\":\"" + number + "\",\"title\":\"Large files\"}");
        return UUID.fromString(first(ID, matter, "matter id"));
    }

    /** Uploads {@code size} bytes of generated text (never held whole in memory). */
    Uploaded uploadText(UUID matter, String fileName, long size) throws IOException, InterruptedException {
        return upload(
                matter,
                fileName,
                HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedText(size)), size));
    }

    /** Uploads a file, read from disk as it is sent. */
    Uploaded uploadFile(UUID matter, Path file) throws IOException, InterruptedException {
        return upload(matter, file.getFileName().toString(), HttpRequest.BodyPublishers.ofFile(file));
    }

    /** Uploads the file as the request's body itself (application/octet-stream, the name in the query). */
    Uploaded uploadFileRaw(UUID matter, Path file) throws IOException, InterruptedException {
        String name = java.net.URLEncoder.encode(file.getFileName().toString(), StandardCharsets.UTF_8);
        long started = System.nanoTime();
        var response = http.send(
                server.request("/api/v1/matters/" + matter + "/documents?name=" + name)
                        .header("Content-Type", "application/octet-stream")
                        .timeout(Duration.ofMinutes(10))
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return uploaded(response, System.nanoTime() - started);
    }

    private Uploaded upload(UUID matter, String fileName, HttpRequest.BodyPublisher content)
            throws IOException, InterruptedException {
        String boundary = "----lexvault-large-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: text/plain\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        var body = HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofByteArray(head), content, HttpRequest.BodyPublishers.ofByteArray(tail));
        long started = System.nanoTime();
        var response = http.send(
                server.request("/api/v1/matters/" + matter + "/documents")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .timeout(Duration.ofMinutes(10))
                        .POST(body)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return uploaded(response, System.nanoTime() - started);
    }

    private static Uploaded uploaded(HttpResponse<String> response, long nanos) {
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Upload answered " + response.statusCode() + ": " + response.body());
        }
        return new Uploaded(
                UUID.fromString(first(ID, response.body(), "document id")),
                Long.parseLong(first(SIZE, response.body(), "size")),
                first(SHA256, response.body(), "sha256"),
                nanos);
    }

    /** Downloads the document's current version, hashing it as it arrives when {@code hash} is set. */
    Downloaded download(UUID document, boolean hash) throws IOException, InterruptedException {
        long started = System.nanoTime();
        var response = http.send(
                server.request("/api/v1/documents/" + document + "/content")
                        .timeout(Duration.ofMinutes(10))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        var digest = sha256();
        long size = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[256 * 1024];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                if (hash) {
                    digest.update(buffer, 0, read);
                }
                size += read;
            }
        }
        long nanos = System.nanoTime() - started;
        return new Downloaded(
                response.statusCode(), size, hash ? HexFormat.of().formatHex(digest.digest()) : "", nanos);
    }

    /** The SHA-256 of {@code size} bytes of {@link GeneratedText}, computed the same streamed way. */
    static String sha256OfText(long size) throws IOException {
        return sha256Of(() -> new GeneratedText(size));
    }

    static String sha256Of(Supplier<InputStream> content) throws IOException {
        var digest = sha256();
        try (InputStream in = content.get()) {
            byte[] buffer = new byte[256 * 1024];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private String post(String path, String json) throws IOException, InterruptedException {
        var response = http.send(
                server.request(path)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String first(Pattern pattern, String body, String what) {
        var matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + what + " in " + body);
        }
        return matcher.group(1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Exactly {@code size} bytes of numbered lines of English text (so the server detects
     * text/plain), made as they are read from one 1 MiB block of lines, repeated.
     */
    static final class GeneratedText extends InputStream {

        private static final byte[] BLOCK = block();

        private final long size;
        private long position;

        GeneratedText(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            return BLOCK[(int) (position++ % BLOCK.length)] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (position >= size) {
                return -1;
            }
            int at = (int) (position % BLOCK.length);
            int n = (int) Math.min(Math.min(length, BLOCK.length - at), size - position);
            System.arraycopy(BLOCK, at, bytes, offset, n);
            position += n;
            return n;
        }

        private static byte[] block() {
            var text = new StringBuilder(1 << 20);
            for (int line = 1; text.length() < (1 << 20); line++) {
                text.append("Clause ")
                        .append(line)
                        .append(". The parties agree that this line of text stands for a page of a long contract.\n");
            }
            return text.substring(0, 1 << 20).getBytes(StandardCharsets.US_ASCII);
        }
    }
}
