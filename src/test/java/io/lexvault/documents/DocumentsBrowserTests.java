package io.lexvault.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.roles.RoleAssignments;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.storage.BlobKey;
import io.lexvault.storage.BlobStore;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.BrowserTest;
import io.lexvault.testsupport.Firms;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The documents page in Chromium against the real server (Tomcat): a file chosen in the upload area
 * goes up with a progress bar that reaches 100% and appears in the list; the form without scripts
 * works with its CSRF token in the address; and nothing of the plaintext lands in a temporary file.
 */
class DocumentsBrowserTests extends BrowserTest {

    @Autowired
    RoleAssignments roles;

    @Autowired
    Matters matters;

    @Autowired
    BlobStore blobs;

    private People.Person attorney;
    private MatterId matter;
    private final String marker = "PLAINTEXT-" + UUID.randomUUID();
    private final Instant started = Instant.now().minusSeconds(1);

    @BeforeEach
    void aFirmWithAMatter() {
        var firm = Firms.aFirm(tenants, "Browser documents " + TestDatabase.randomName());
        attorney = People.withRoles(accounts, roles, firm, BuiltInRole.ATTORNEY);
        matter = TenantContext.callAs(
                firm, attorney.id().value(), () -> matters.open(matters.openClient("Acme"), "BR-1", "Acme v. Widget"));
    }

    @Test
    void aFileChosenInTheUploadAreaGoesUpWithProgressAndAppearsInTheList() throws Exception {
        signIn();
        browser.get(SITE + "/matters/" + matter.value() + "/documents");
        assertThat(browser.findElement(By.id("no-documents")).isDisplayed()).isTrue();
        Path file =
                Files.createDirectories(Path.of("target", "browser-uploads")).resolve("Engagement letter.txt");
        Files.writeString(file, ("Engagement letter\n" + marker + "\n").repeat(20_000), StandardCharsets.UTF_8);

        browser.findElement(By.id("upload-file")).sendKeys(file.toAbsolutePath().toString());
        // Choosing the file uploads nothing yet: the title and classification come first.
        Thread.sleep(1500);
        assertThat(browser.findElement(By.id("upload-status")).getText()).isEmpty();
        browser.findElement(By.id("upload-title")).sendKeys("Engagement letter");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("upload-classification")))
                .selectByValue("RESTRICTED");
        browser.findElement(By.id("upload-submit")).click();

        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> "100".equals(d.findElement(By.id("upload-progress")).getDomProperty("value")));
        assertThat(browser.findElement(By.id("upload-percent")).getText()).isEqualTo("100%");
        wait.until(d -> d.findElement(By.id("documents")).getText().contains("Engagement letter"));
        assertThat(browser.findElement(By.id("upload-status")).getText()).contains("as version 1");

        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("documents")).getText())
                .contains("Engagement letter.txt")
                .contains("Plain text", "1.2 MB", "Test Person");
        assertThat(browser.findElement(By.cssSelector("#documents tbody tr[data-document-id] .classification"))
                        .getText())
                .as("the classification in words")
                .isEqualTo("Restricted");
        assertThat(browser.findElements(By.cssSelector("#documents tbody tr[data-document-id]")))
                .as("one choice, one document")
                .hasSize(1);
        assertThat(temporaryFilesContaining(marker))
                .as("plaintext in temporary files")
                .isEmpty();
        // For people reviewing the page: target/screenshots/documents.png.
        Files.copy(
                browser.getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
                Files.createDirectories(Path.of("target", "screenshots")).resolve("documents.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void severalFilesGoUpAtOnceAndTheirRowsAppearLikeTheOthersWithoutAReload() throws Exception {
        signIn();
        browser.get(SITE + "/matters/" + matter.value() + "/documents");
        Path dir = Files.createDirectories(Path.of("target", "browser-uploads"));
        Path memo = dir.resolve("Memo one.txt");
        Files.writeString(memo, "First memo\n".repeat(200), StandardCharsets.UTF_8);
        Path scan = dir.resolve("Scan.png");
        javax.imageio.ImageIO.write(
                new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "png",
                scan.toFile());
        Path page = dir.resolve("Evil.html");
        Files.writeString(page, "<html><body><script>alert(1)</script></body></html>", StandardCharsets.UTF_8);
        // A marker on the window: a reload would lose it.
        browser.executeScript("window.notReloaded = true;");
        browser.findElement(By.id("upload-title")).sendKeys("Ignored for several files");
        browser.findElement(By.id("upload-file"))
                .sendKeys(memo.toAbsolutePath() + "\n" + scan.toAbsolutePath() + "\n" + page.toAbsolutePath());
        browser.findElement(By.id("upload-submit")).click();

        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> d.findElements(By.cssSelector("#documents tbody tr[data-document-id]"))
                                .size()
                        == 2
                && !d.findElements(By.cssSelector("#upload-list li.error-box")).isEmpty());
        assertThat(browser.executeScript("return window.notReloaded === true;")).isEqualTo(true);
        String table = browser.findElement(By.id("documents")).getText();
        assertThat(table)
                .contains("Memo one", "Scan", "Plain text", "PNG image", "KB", "Preview", "Delete")
                .doesNotContain("Ignored for several files");
        assertThat(browser.findElement(By.id("upload-title")).getDomProperty("value"))
                .as("the title field is cleared after the upload")
                .isEmpty();
        var refused = browser.findElement(By.cssSelector("#upload-list li.error-box"));
        assertThat(refused.getText()).contains("Evil.html");
        assertThat(refused.findElement(By.cssSelector("[role=alert]")).getText())
                .isNotBlank();
        assertThat(refused.findElements(By.tagName("progress")))
                .as("no progress left behind a refusal")
                .isEmpty();
        assertThat(browser.findElement(By.id("upload-progress")).isDisplayed()).isFalse();
        var problems = new ArrayList<String>(io.lexvault.testsupport.PageChecks.problems(browser));
        // Sorting swaps the list only (htmx), the page stays and the address follows.
        browser.findElement(By.linkText("last change")).click();
        wait.until(d -> d.getCurrentUrl().contains("sort=updated"));
        wait.until(d -> d.findElements(By.cssSelector("#documents tbody tr[data-document-id]"))
                        .size()
                == 2);
        assertThat(browser.executeScript("return window.notReloaded === true;")).isEqualTo(true);

        // The image's preview is shown inside the page, from LexVault itself.
        browser.findElement(By.cssSelector("a[aria-label^='Preview version 1 of Scan']"))
                .click();
        wait.until(
                d -> Boolean.TRUE.equals(
                        ((org.openqa.selenium.JavascriptExecutor) d)
                                .executeScript(
                                        "var i = document.getElementById('preview-image'); return i && i.complete && i.naturalWidth > 0;")));
        assertThat(browser.findElement(By.id("preview-image")).getDomProperty("naturalWidth"))
                .isEqualTo("40");
        problems.addAll(io.lexvault.testsupport.PageChecks.problems(browser));
        assertThat(problems).isEmpty();
    }

    @Test
    void deletingADocumentAsksOnAPageOfItsOwnFirst() throws Exception {
        var signedIn = signedInSession();
        var upload = DocumentUploads.aFile("Draft.txt", "draft\n".getBytes(StandardCharsets.UTF_8));
        var created = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(SITE + "/api/v1/matters/" + matter.value() + "/documents"))
                                .header("Cookie", signedIn.cookie())
                                .header(signedIn.csrfHeader(), signedIn.csrfToken())
                                .header("Content-Type", upload.contentType())
                                .POST(HttpRequest.BodyPublishers.ofByteArray(upload.body()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        browser.get(SITE + "/matters/" + matter.value() + "/documents");
        var wait = new WebDriverWait(browser, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        browser.findElement(By.cssSelector("button[aria-label='Delete Draft']")).click();
        wait.until(d -> d.findElement(By.tagName("h1")).getText().equals("Delete the document Draft?"));
        var problems = io.lexvault.testsupport.PageChecks.problems(browser);
        browser.findElement(By.id("cancel-action")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/documents"));
        assertThat(browser.findElements(By.cssSelector("#documents tbody tr[data-document-id]")))
                .as("kept")
                .hasSize(1);
        browser.findElement(By.cssSelector("button[aria-label='Delete Draft']")).click();
        wait.until(d -> !d.findElements(By.id("confirm-action")).isEmpty());
        browser.findElement(By.id("confirm-action")).click();
        wait.until(d -> d.findElements(By.cssSelector("[role=status]")).stream()
                .anyMatch(e -> e.getText().equals("Deleted the document Draft.")));
        assertThat(browser.findElements(By.cssSelector("#documents tbody tr[data-document-id]")))
                .isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void theFormWithoutScriptsUploadsWithItsTokenInTheAddress() throws Exception {
        var signedIn = signedInSession();
        String action = browser.findElement(By.id("upload-form")).getDomAttribute("action");
        assertThat(action).contains("_csrf=");
        var upload = DocumentUploads.aFile("minutes.txt", (marker + "\n").getBytes(StandardCharsets.UTF_8))
                .field("classification", "RESTRICTED");

        var response = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(SITE + action))
                                .header("Cookie", signedIn.cookie())
                                .header("Content-Type", upload.contentType())
                                .POST(HttpRequest.BodyPublishers.ofByteArray(upload.body()))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(302);
        browser.get(SITE + "/matters/" + matter.value() + "/documents");
        assertThat(browser.findElement(By.id("documents")).getText()).contains("minutes");
        assertThat(browser.findElement(By.cssSelector("#documents tbody tr[data-document-id] .classification"))
                        .getText())
                .isEqualTo("Restricted");
        assertThat(temporaryFilesContaining(marker)).isEmpty();
    }

    @Test
    void aDownloadWhoseLaterSegmentFailsIsCutShortOverTheRealServer() throws Exception {
        var signedIn = signedInSession();
        byte[] content = SampleFiles.largeText(3_000_000);
        var upload = DocumentUploads.aFile("long memo.txt", content);
        var http = HttpClient.newHttpClient();
        var created = http.send(
                HttpRequest.newBuilder(URI.create(SITE + "/api/v1/matters/" + matter.value() + "/documents"))
                        .header("Cookie", signedIn.cookie())
                        .header(signedIn.csrfHeader(), signedIn.csrfToken())
                        .header("Content-Type", upload.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(upload.body()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = created.body().replaceAll("(?s).*?\"id\":\"([0-9a-f-]{36})\".*", "$1");
        BlobKey key;
        try (var keys = blobs.list("documents/" + attorney.firm().value() + "/" + id + "/")) {
            key = keys.findFirst().orElseThrow();
        }
        byte[] ciphertext;
        try (var in = blobs.get(key)) {
            ciphertext = in.readAllBytes();
        }
        ciphertext[ciphertext.length - 100] ^= 0x01; // the last segment: earlier ones verify and stream
        blobs.put(key, new java.io.ByteArrayInputStream(ciphertext));

        byte[] received;
        try {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(SITE + "/api/v1/documents/" + id + "/content"))
                            .header("Cookie", signedIn.cookie())
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            received = response.body();
        } catch (IOException e) {
            received = null; // the connection was closed before the announced length: the client knows
        }
        assertThat(received == null || received.length < content.length)
                .as("the client never receives the complete file")
                .isTrue();
    }

    @Test
    void aChunkedBodyWithoutADeclaredLengthIsBoundedAsAWhole() throws Exception {
        var signedIn = signedInSession();
        // Each part within its own limit (20 fields of 4000 bytes, a file just under 4 MB), the whole
        // beyond the limit plus its 64 KB of overhead, sent chunked: no Content-Length to refuse it by.
        var upload = DocumentUploads.aFile("long memo.txt", SampleFiles.largeText(4 * 1024 * 1024 - 10));
        for (int i = 0; i < 20; i++) {
            upload.field("field" + i, "x".repeat(4000));
        }
        byte[] body = upload.body();
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(SITE + "/api/v1/matters/" + matter.value() + "/documents"))
                                .header("Cookie", signedIn.cookie())
                                .header(signedIn.csrfHeader(), signedIn.csrfToken())
                                .header("Content-Type", upload.contentType())
                                .POST(HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new java.io.ByteArrayInputStream(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        try (var keys = blobs.list("documents/" + attorney.firm().value() + "/")) {
            assertThat(keys.toList()).as("blobs of the firm").isEmpty();
        }
    }

    /** The browser's session and CSRF token, for requests the page's own scripts would not make. */
    private record SignedInSession(String cookie, String csrfHeader, String csrfToken) {}

    /** Signs the attorney in, opens the matter's documents page and takes its session and token. */
    private SignedInSession signedInSession() {
        signIn();
        browser.get(SITE + "/matters/" + matter.value() + "/documents");
        return new SignedInSession(
                "lexvault=" + browser.manage().getCookieNamed("lexvault").getValue() + "; lexvault-csrf="
                        + browser.manage().getCookieNamed("lexvault-csrf").getValue(),
                browser.findElement(By.cssSelector("meta[name='_csrf_header']")).getDomAttribute("content"),
                browser.findElement(By.cssSelector("meta[name='_csrf']")).getDomAttribute("content"));
    }

    private void signIn() {
        signInWithPassword(attorney);
        waitUntil(Duration.ofSeconds(10), () -> !browser.getCurrentUrl().contains("/login"));
    }

    /** Files written since the test began, in the JVM's temporary directory (Tomcat's included). */
    private List<Path> temporaryFilesContaining(String text) throws IOException {
        var found = new ArrayList<Path>();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        // The project itself may sit under the temporary directory (CI runs a fresh clone there): its
        // own files, such as the file the test uploads, are not what this looks for.
        Path project = Path.of("").toAbsolutePath();
        Files.walkFileTree(tmp, java.util.Set.of(), 8, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(
                    Path directory, java.nio.file.attribute.BasicFileAttributes attributes) {
                return directory.equals(project)
                        ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                        : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(
                    Path path, java.nio.file.attribute.BasicFileAttributes file) {
                try {
                    if (file.isRegularFile()
                            && file.lastModifiedTime().compareTo(FileTime.from(started)) >= 0
                            && file.size() < 50_000_000
                            && Files.readString(path, StandardCharsets.ISO_8859_1)
                                    .contains(text)) {
                        found.add(path);
                    }
                } catch (IOException | UncheckedIOException e) {
                    // Unreadable or gone meanwhile: another process's file.
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path path, IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return found;
    }
}
