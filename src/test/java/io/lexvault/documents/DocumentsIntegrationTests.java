package io.lexvault.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.Member;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditTrail;
import io.lexvault.identity.SignedInUser;
import io.lexvault.matters.MatterId;
import io.lexvault.storage.BlobKey;
import io.lexvault.storage.BlobStore;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.AuditFilters;
import io.lexvault.testsupport.FirmWithMattersTest;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Documents end to end on the filesystem blob store: what is stored (ciphertext only), what is
 * refused (types, names, sizes), what a failed upload leaves (nothing), what a tampered or moved
 * ciphertext gives (an audited failure, no document), and who may see what (other firm, walled
 * user, raw SQL as the runtime role).
 */
@SpringBootTest(
        properties = {
            "lexvault.identity.sign-in-throttle.attempts=100000",
            "lexvault.documents.max-size=1MB",
            "lexvault.documents.orphan-grace=0s"
        })
@AutoConfigureMockMvc
class DocumentsIntegrationTests extends FirmWithMattersTest {

    private static final long LIMIT = 1024 * 1024;

    @Autowired
    Documents documents;

    @Autowired
    DocumentBlobSweeper sweeper;

    @Autowired
    BlobStore blobs;

    @Autowired
    DocumentRepository repository;

    @Autowired
    io.lexvault.audit.AuditLedger ledger;

    @Autowired
    TransactionTemplate transactionTemplate;

    @Autowired
    io.lexvault.crypto.DocumentEncryption encryption;

    TenantId otherFirm;
    People.Person attorney;
    People.Person paralegal;
    People.Person screened;
    People.Person outsider;
    MatterId matter;

    @BeforeEach
    void firmWithAMatter() {
        firm = aFirm("Documents");
        attorney = withRole(firm, BuiltInRole.ATTORNEY);
        paralegal = withRole(firm, BuiltInRole.PARALEGAL);
        screened = withRole(firm, BuiltInRole.ADMINISTRATOR);
        otherFirm = aFirm("Elsewhere");
        outsider = withRole(otherFirm, BuiltInRole.ADMINISTRATOR);
        matter =
                matter(attorney, client(attorney, "Acme Holdings"), "D-" + TestDatabase.randomName(), "Acme v. Widget");
        onTeam(attorney, matter, Member.user(paralegal.id()), Member.user(screened.id()));
        // Walls are put up by someone who manages them (walls.manage), not by the matter's attorney.
        var wallsOfficer = withRole(firm, BuiltInRole.ADMINISTRATOR);
        wall(wallsOfficer, matter, null, "Acted for the other side", Member.user(screened.id()));
    }

    @AfterEach
    void clearSecurityContext() {
        SecurityContextHolder.clearContext();
    }

    // Storage: ciphertext only, and back byte for byte

    @Test
    void anUploadIsStoredEncryptedAndDownloadsByteForByteWithSafeHeaders() throws Exception {
        var session = http.signIn(attorney);
        byte[] content = SampleFiles.text();
        var created = upload(
                session,
                matter,
                DocumentUploads.aFile("Meeting notes\u202E.txt", content)
                        .field("title", "Meeting notes")
                        .field("classification", "restricted"));
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        var document = body(created);
        UUID id = UUID.fromString(document.get("id").asString());
        assertThat(document.get("classification").asString()).isEqualTo("RESTRICTED");
        assertThat(document.get("versions").get(0).get("mediaType").asString()).isEqualTo("text/plain");
        assertThat(document.get("versions").get(0).get("fileName").asString()).isEqualTo("Meeting notes.txt");

        var stored = storedBlobs(firm, id);
        assertThat(stored).hasSize(1);
        Path onDisk =
                Path.of("target", "test-var", "blobs").resolve(stored.get(0).value());
        assertThat(onDisk).exists();
        assertThat(contains(Files.readAllBytes(onDisk), SampleFiles.MARKER))
                .as("the file on disk holds ciphertext only")
                .isFalse();
        assertThat(Files.size(onDisk)).isGreaterThan(content.length);

        var download = mvc.perform(get("/api/v1/documents/" + id + "/content").cookie(session))
                .andReturn()
                .getResponse();
        assertThat(download.getStatus()).isEqualTo(200);
        assertThat(download.getContentAsByteArray()).isEqualTo(content);
        assertThat(download.getContentType()).isEqualTo("text/plain");
        assertThat(download.getHeader("Content-Disposition"))
                .startsWith("attachment;")
                .contains("filename*=UTF-8''Meeting%20notes.txt");
        assertThat(download.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.getHeader("Content-Security-Policy")).startsWith("sandbox");
        assertThat(download.getContentLengthLong()).isEqualTo(content.length);
        assertThat(events(AuditAction.DOCUMENT_UPLOADED, id)).hasSize(1);
        assertThat(events(AuditAction.DOCUMENT_DOWNLOADED, id)).hasSize(1);

        var head = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head(
                                "/api/v1/documents/" + id + "/content")
                        .cookie(session))
                .andReturn()
                .getResponse();
        assertThat(head.getStatus()).isEqualTo(200);
        assertThat(head.getContentAsByteArray()).isEmpty();
        assertThat(head.getHeader("Content-Disposition")).startsWith("attachment;");
        assertThat(events(AuditAction.DOCUMENT_DOWNLOADED, id))
                .as("a HEAD request downloads nothing")
                .hasSize(1);
    }

    @Test
    void aNewUploadOfTheSameDocumentIsVersionTwoAndBothVersionsDownload() throws Exception {
        var session = http.signIn(attorney);
        byte[] first = SampleFiles.pdf();
        byte[] second = SampleFiles.largeText(300_000);
        UUID id = uploaded(session, DocumentUploads.aFile("brief.pdf", first));

        var again = upload(
                session,
                matter,
                DocumentUploads.aFile("brief-revised.txt", second).field("documentId", id.toString()));
        assertThat(again.getStatus()).as(again.getContentAsString()).isEqualTo(201);
        assertThat(body(again).get("currentVersion").asInt()).isEqualTo(2);

        var details = http.getJson(session, "/api/v1/documents/" + id);
        assertThat(details.get("versions")).hasSize(2);
        assertThat(content(session, "/api/v1/documents/" + id + "/versions/1/content"))
                .isEqualTo(first);
        assertThat(content(session, "/api/v1/documents/" + id + "/versions/2/content"))
                .isEqualTo(second);
        assertThat(content(session, "/api/v1/documents/" + id + "/content")).isEqualTo(second);
        assertThat(storedBlobs(firm, id)).hasSize(2);
        assertThat(http.status(session, "/api/v1/documents/" + id + "/versions/3/content"))
                .isEqualTo(404);
    }

    @Test
    void ofTwoConcurrentUploadsOfTheSameVersionOneWinsAndTheOtherIsAConflictThatLeavesNoBlob() throws Exception {
        UUID id = uploaded(http.signIn(attorney), DocumentUploads.aFile("brief.txt", SampleFiles.text()));
        var form = new UploadForm(new DocumentId(id), null, null, null);
        var conflict = asSignedIn(
                attorney,
                () -> refusalOf(() -> {
                    documents.upload(matter, form, "late.txt", new ByteArrayInputStream(SampleFiles.text()), () -> {
                        // While this upload's blob is stored but not yet recorded, another one completes.
                        try {
                            documents.upload(
                                    matter, form, "early.txt", new ByteArrayInputStream(SampleFiles.text()), () -> {});
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                }));
        assertThat(conflict).isNotNull();
        assertThat(conflict.reason()).isEqualTo(UploadRefusedException.Reason.CONFLICT);
        var details = asSignedIn(attorney, () -> documents.details(new DocumentId(id)));
        assertThat(details.versions()).extracting(DocumentVersion::fileName).containsExactly("brief.txt", "early.txt");
        assertThat(storedBlobs(firm, id)).as("the loser's blob is gone").hasSize(2);
    }

    @Test
    void aFailureDuringTheCommitLeavesTheBlobToTheSweeperAndAFailureBeforeItDeletesIt() throws Exception {
        UUID id = uploaded(http.signIn(attorney), DocumentUploads.aFile("brief.txt", SampleFiles.text()));
        var form = new UploadForm(new DocumentId(id), null, null, null);
        // A deferred check fails at COMMIT: from the application's side, the commit's outcome is what
        // failed, as when the connection drops while committing.
        try (var admin = TestDatabase.shared().administrator().connect();
                var ddl = admin.createStatement()) {
            ddl.execute("""
                    CREATE FUNCTION lexvault.test_fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'refused at commit'; END $$;
                    CREATE CONSTRAINT TRIGGER test_fail_at_commit AFTER INSERT ON lexvault.document_versions
                        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                        WHEN (NEW.file_name = 'commit-fails.txt') EXECUTE FUNCTION lexvault.test_fail_at_commit();
                    """);
        }
        try {
            var failure = asSignedIn(attorney, () -> {
                try {
                    documents.upload(
                            matter, form, "commit-fails.txt", new ByteArrayInputStream(SampleFiles.text()), () -> {});
                    return null;
                } catch (RuntimeException e) {
                    return e;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(failure).isNotNull();
            assertThat(storedBlobs(firm, id))
                    .as("the blob of a version whose commit failed stays for the sweeper")
                    .hasSize(2);
            assertThat(sweeper.sweepFirm(firm).removed())
                    .as("no row names it, so the sweeper removes it")
                    .isEqualTo(1);
            assertThat(storedBlobs(firm, id)).hasSize(1);
        } finally {
            try (var admin = TestDatabase.shared().administrator().connect();
                    var ddl = admin.createStatement()) {
                ddl.execute("DROP TRIGGER test_fail_at_commit ON lexvault.document_versions;"
                        + " DROP FUNCTION lexvault.test_fail_at_commit()");
            }
        }

        // A failure before the commit (the request's own check) rolls back: the blob goes at once.
        var refused = asSignedIn(
                attorney,
                () -> refusalOf(() -> {
                    documents.upload(matter, form, "late.txt", new ByteArrayInputStream(SampleFiles.text()), () -> {
                        throw UploadRefusedException.malformed("refused before recording");
                    });
                }));
        assertThat(refused).isNotNull();
        assertThat(storedBlobs(firm, id)).hasSize(1);
    }

    // Refused uploads leave nothing

    @Test
    void htmlSvgAndExecutablesAreRefusedAndLeaveNothing() throws Exception {
        var session = http.signIn(attorney);
        assertRefused(session, DocumentUploads.aFile("page.html", SampleFiles.html()), 415);
        assertRefused(session, DocumentUploads.aFile("logo.svg", SampleFiles.svg()), 415);
        assertRefused(session, DocumentUploads.aFile("invoice.pdf", SampleFiles.executable()), 415);
        assertRefused(session, DocumentUploads.aFile("invoice.pdf", SampleFiles.png()), 415);
        assertRefused(session, DocumentUploads.aFile("empty.txt", new byte[0]), 400);
        assertThat(events(AuditAction.DOCUMENT_UPLOAD_REFUSED, matter.value()))
                .as("refused uploads are audited on the matter")
                .hasSize(5);
    }

    @Test
    void anUploadOverTheLimitIs413AndLeavesNothing() throws Exception {
        var session = http.signIn(attorney);
        var response =
                assertRefused(session, DocumentUploads.aFile("long.txt", SampleFiles.largeText((int) LIMIT + 10)), 413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(body(response).get("detail").asString()).contains("larger than the limit");

        // Streamed without a declared length: the limit holds while the bytes arrive.
        var thrown = asSignedIn(
                attorney,
                () -> refusalOf(() -> {
                    documents.upload(
                            matter,
                            UploadForm.NONE,
                            "long.txt",
                            new ByteArrayInputStream(SampleFiles.largeText((int) LIMIT + 200_000)),
                            () -> {});
                }));
        assertThat(thrown).isNotNull();
        assertThat(thrown.reason()).isEqualTo(UploadRefusedException.Reason.TOO_LARGE);
        assertNothingStored();
    }

    @Test
    void anUploadAbortedHalfwayLeavesNoRowAndNoBlob() throws Exception {
        // The client goes away after 700 KB: the request stream fails.
        var failure = asSignedIn(attorney, () -> {
            try {
                documents.upload(
                        matter,
                        UploadForm.NONE,
                        "notes.txt",
                        failingAfter(SampleFiles.largeText(900_000), 700_000),
                        () -> {});
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        assertThat(failure).isNotNull();

        // The body breaks off over HTTP: no closing boundary.
        var session = http.signIn(attorney);
        var upload = DocumentUploads.aFile("notes.txt", SampleFiles.largeText(800_000));
        byte[] body = upload.body();
        var truncated = http.postMultipart(
                session,
                "/api/v1/matters/" + matter.value() + "/documents",
                upload.contentType(),
                Arrays.copyOf(body, 600_000));
        assertThat(truncated.getStatus()).isEqualTo(400);
        assertNothingStored();
    }

    @Test
    void titlesAndDescriptionsWithBidiOrFormatCharactersAreRefused() throws Exception {
        var session = http.signIn(attorney);
        assertRefused(
                session,
                DocumentUploads.aFile("notes.txt", SampleFiles.text()).field("title", "Invoice\u202Efdp.exe"),
                400);
        assertRefused(
                session,
                DocumentUploads.aFile("notes.txt", SampleFiles.text()).field("description", "Agreed\u200Bterms"),
                400);
    }

    @Test
    void aNulInTheFileNameIsA400WithoutTheName() throws Exception {
        var session = http.signIn(attorney);
        var response =
                assertRefused(session, DocumentUploads.aFile("notes\u0000secret-name.txt", SampleFiles.text()), 400);
        assertThat(body(response).get("detail").asString())
                .contains("not allowed in file names")
                .doesNotContain("secret-name");
    }

    @Test
    void repeatedFieldsASecondFileAndAnyPartAfterTheCsrfFieldAreRefusedAndLeaveNothing() throws Exception {
        var session = http.signIn(attorney);
        String boundary = "----lexvault-test-" + UUID.randomUUID();
        var manyFields = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            manyFields.append(part(boundary, "title", "t"));
        }
        assertRawRefused(session, boundary, manyFields + filePart(boundary, "notes.txt") + end(boundary), 400);
        assertRawRefused(
                session,
                boundary,
                filePart(boundary, "notes.txt") + filePart(boundary, "second.txt") + end(boundary),
                400);
        assertRawRefused(
                session,
                boundary,
                filePart(boundary, "notes.txt")
                        + part(boundary, "_csrf", "x")
                        + part(boundary, "_csrf", "y")
                        + end(boundary),
                400);
        // A page form's CSRF field after the file is fine, once.
        var ok = rawUpload(
                session, boundary, filePart(boundary, "notes.txt") + part(boundary, "_csrf", "x") + end(boundary));
        assertThat(ok.getStatus()).as(ok.getContentAsString()).isEqualTo(201);
    }

    private void assertRawRefused(Cookie session, String boundary, String body, int status) throws Exception {
        var response = rawUpload(session, boundary, body);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        assertNothingStored();
    }

    private MockHttpServletResponse rawUpload(Cookie session, String boundary, String body) throws Exception {
        return mvc.perform(post("/api/v1/matters/" + matter.value() + "/documents")
                        .cookie(session)
                        .with(csrf())
                        .contentType("multipart/form-data; boundary=" + boundary)
                        .content(body.getBytes(StandardCharsets.UTF_8)))
                .andReturn()
                .getResponse();
    }

    private static String part(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static String filePart(String boundary, String fileName) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/plain\r\n\r\n" + new String(SampleFiles.text(), StandardCharsets.UTF_8)
                + "\r\n";
    }

    private static String end(String boundary) {
        return "--" + boundary + "--\r\n";
    }

    // Integrity: tampered or moved ciphertexts never download

    @Test
    void aFlippedByteInTheStoredBlobFailsTheDownloadWithoutSendingTheDocument() throws Exception {
        var session = http.signIn(attorney);
        UUID id = uploaded(session, DocumentUploads.aFile("notes.txt", SampleFiles.text()));
        var key = storedBlobs(firm, id).get(0);
        byte[] ciphertext = read(key);
        ciphertext[ciphertext.length / 2] ^= 0x01;
        blobs.put(key, new ByteArrayInputStream(ciphertext));

        assertDownloadFails(session, id);
    }

    @Test
    void aCiphertextMovedToAnotherDocumentOrFirmFailsToDownload() throws Exception {
        var session = http.signIn(attorney);
        UUID source = uploaded(session, DocumentUploads.aFile("notes.txt", SampleFiles.text()));
        UUID target =
                uploaded(session, DocumentUploads.aFile("other.txt", "Other notes\n".getBytes(StandardCharsets.UTF_8)));
        byte[] sourceCiphertext = read(storedBlobs(firm, source).get(0));
        blobs.put(storedBlobs(firm, target).get(0), new ByteArrayInputStream(sourceCiphertext));
        assertDownloadFails(session, target);

        // Another firm's document, same document id position: the firm is bound into the ciphertext.
        var outsiderSession = http.signIn(outsider);
        var theirMatter = as(outsider, () -> matters.open(matters.openClient("Beta"), "B-1", "Beta matter"));
        var theirs = upload(
                outsiderSession,
                theirMatter,
                DocumentUploads.aFile("theirs.txt", "Theirs\n".getBytes(StandardCharsets.UTF_8)));
        UUID theirId = UUID.fromString(body(theirs).get("id").asString());
        blobs.put(storedBlobs(otherFirm, theirId).get(0), new ByteArrayInputStream(sourceCiphertext));
        var response = mvc.perform(
                        get("/api/v1/documents/" + theirId + "/content").cookie(outsiderSession))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(contains(response.getContentAsByteArray(), SampleFiles.MARKER))
                .isFalse();
        assertThat(events(otherFirm, AuditFilters.onTarget(AuditAction.DOCUMENT_INTEGRITY_FAILED, theirId)))
                .hasSize(1);
    }

    @Test
    void aValidCiphertextOfTheSameVersionButAnotherLengthNeverReachesTheAnnouncedLength() throws Exception {
        var session = http.signIn(attorney);
        byte[] recorded = SampleFiles.largeText(300_000);
        UUID id = uploaded(session, DocumentUploads.aFile("memo.txt", recorded));
        var key = storedBlobs(firm, id).get(0);
        // A ciphertext that authenticates for this very blob (firm, document, version and key: made by
        // someone holding the firm's key) but is not the content recorded: hash and length catch it.
        for (byte[] other : List.of(
                SampleFiles.largeText(300_000 + HeldBackOutput.HOLD + 10_000), SampleFiles.largeText(200_000))) {
            blobs.put(key, new ByteArrayInputStream(encryptedAs(id, key.value(), other)));

            var received = new java.io.ByteArrayOutputStream();
            var failure = verificationFailure(id, received);
            assertThat(failure)
                    .as("a content of %d bytes for %d recorded", other.length, recorded.length)
                    .isNotNull();
            assertThat(received.size())
                    .as("bytes sent before verification, for a Content-Length of %d", recorded.length)
                    .isLessThanOrEqualTo(recorded.length - HeldBackOutput.HOLD);
        }
        assertThat(events(AuditAction.DOCUMENT_INTEGRITY_FAILED, id))
                .extracting(event -> event.details().get("reason"))
                .containsExactly("length", "hash");
        assertThat(events(AuditAction.DOCUMENT_DOWNLOADED, id)).isEmpty();
    }

    @Test
    void anotherUploadsCiphertextOfTheSameVersionFailsToDecrypt() throws Exception {
        var session = http.signIn(attorney);
        UUID id = uploaded(session, DocumentUploads.aFile("memo.txt", SampleFiles.largeText(100_000)));
        var key = storedBlobs(firm, id).get(0);
        // What a losing concurrent upload of the same version leaves under its own key: valid for this
        // firm, document and version, but bound to where it was stored, so it is refused elsewhere.
        blobs.put(key, new ByteArrayInputStream(encryptedAs(id, key.value() + "0", SampleFiles.largeText(100_000))));

        var received = new java.io.ByteArrayOutputStream();
        assertThat(verificationFailure(id, received)).isNotNull();
        assertThat(received.size()).as("nothing of it is released").isZero();
        assertThat(events(AuditAction.DOCUMENT_INTEGRITY_FAILED, id))
                .extracting(event -> event.details().get("reason"))
                .containsExactly("decryption");
    }

    // Who may see what

    @Test
    void anotherFirmsAndAWalledUsersRequestsAre404OnEveryPath() throws Exception {
        var session = http.signIn(attorney);
        UUID id = uploaded(session, DocumentUploads.aFile("notes.txt", SampleFiles.text()));
        for (var stranger : List.of(outsider, screened)) {
            var theirs = http.signIn(stranger);
            assertThat(http.status(theirs, "/api/v1/documents/" + id))
                    .as(stranger.email())
                    .isEqualTo(404);
            assertThat(http.status(theirs, "/api/v1/documents/" + id + "/content"))
                    .isEqualTo(404);
            assertThat(http.status(theirs, "/api/v1/documents/" + id + "/versions/1/content"))
                    .isEqualTo(404);
            assertThat(http.status(theirs, "/api/v1/matters/" + matter.value() + "/documents"))
                    .isEqualTo(404);
            assertThat(http.status(theirs, "/matters/" + matter.value() + "/documents"))
                    .isEqualTo(404);
            assertThat(mvc.perform(put("/api/v1/documents/" + id + "/classification")
                                    .cookie(theirs)
                                    .with(csrf())
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .content("{\"classification\":\"PUBLIC\"}"))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .isEqualTo(404);
            assertThat(http.statusOf(theirs, delete("/api/v1/documents/" + id), null))
                    .isEqualTo(404);
            assertThat(upload(theirs, matter, DocumentUploads.aFile("x.txt", SampleFiles.text()))
                            .getStatus())
                    .isEqualTo(404);
        }
        // The control: the team sees it, through the API and the page.
        assertThat(http.status(http.signIn(paralegal), "/api/v1/documents/" + id))
                .isEqualTo(200);
        var page = mvc.perform(get("/matters/" + matter.value() + "/documents").cookie(session))
                .andReturn()
                .getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("notes").contains("/js/documents.js");
        assertThat(events(AuditAction.DOCUMENT_ACCESS_DENIED, id)).isNotEmpty();
        assertThat(events(AuditAction.DOCUMENT_ACCESS_DENIED, id).get(0).details())
                .containsEntry("exists", "true");
    }

    // Pages (pages-a): confirmation, rows, previews

    @Test
    void deletingFromThePageAsksFirstAndDeletesOnlyOnceConfirmed() throws Exception {
        var session = http.signIn(attorney);
        UUID id = uploaded(session, DocumentUploads.aFile("notes.txt", SampleFiles.text()));
        String list = http.page(session, "/matters/" + matter.value() + "/documents");
        assertThat(list).contains("class=\"danger\"", " bytes</span>", "Plain text", "Test Person");
        String delete = "/matters/" + matter.value() + "/documents/" + id + "/delete";

        var asked = mvc.perform(post(delete).cookie(session).with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(asked.getStatus()).isEqualTo(200);
        assertThat(asked.getContentAsString())
                .contains("Delete the document notes?", "id=\"confirm-form\"", "action=\"" + delete + "\"")
                .contains("name=\"confirmed\" value=\"yes\"", "href=\"/matters/" + matter.value() + "/documents\"");
        assertThat(http.status(session, "/api/v1/documents/" + id))
                .as("nothing deleted before the confirmation")
                .isEqualTo(200);
        assertThat(events(AuditAction.DOCUMENT_DELETED, id)).isEmpty();

        var paralegalAsks = mvc.perform(
                        post(delete).cookie(http.signIn(paralegal)).with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(paralegalAsks.getStatus())
                .as("no documents.delete, not even the question")
                .isEqualTo(403);
        var screenedAsks = mvc.perform(
                        post(delete).cookie(http.signIn(screened)).with(csrf()).param("confirmed", "yes"))
                .andReturn()
                .getResponse();
        assertThat(screenedAsks.getStatus()).isEqualTo(404);

        var done = mvc.perform(post(delete).cookie(session).with(csrf()).param("confirmed", "yes"))
                .andReturn();
        assertThat(done.getResponse().getRedirectedUrl()).isEqualTo("/matters/" + matter.value() + "/documents");
        assertThat(done.getFlashMap().get("notice")).isEqualTo("Deleted the document notes.");
        assertThat(http.status(session, "/api/v1/documents/" + id)).isEqualTo(404);
        assertThat(events(AuditAction.DOCUMENT_DELETED, id)).hasSize(1);
    }

    @Test
    void aStoredDocumentsRowIsRenderedLikeTheListsForTheUploadScript() throws Exception {
        var session = http.signIn(attorney);
        UUID id = uploaded(session, DocumentUploads.aFile("Scan.png", SampleFiles.png()));
        var row = mvc.perform(get("/matters/" + matter.value() + "/documents/" + id + "/row")
                        .cookie(session))
                .andReturn()
                .getResponse();
        assertThat(row.getStatus()).isEqualTo(200);
        assertThat(row.getContentAsString().strip())
                .startsWith("<tr")
                .contains("data-document-id=\"" + id + "\"", "PNG image", "Test Person", "Preview", "Delete")
                .doesNotContain("<html", "<header");
        for (var stranger : List.of(outsider, screened)) {
            assertThat(http.status(http.signIn(stranger), "/matters/" + matter.value() + "/documents/" + id + "/row"))
                    .as(stranger.email())
                    .isEqualTo(404);
        }
    }

    @Test
    void previewsServePdfsAndImagesInlineWithSafeHeadersAndNothingElse() throws Exception {
        var session = http.signIn(attorney);
        UUID png = uploaded(session, DocumentUploads.aFile("Scan.png", SampleFiles.png()));
        UUID pdf = uploaded(session, DocumentUploads.aFile("Brief.pdf", SampleFiles.pdf()));
        UUID text = uploaded(session, DocumentUploads.aFile("notes.txt", SampleFiles.text()));
        String base = "/matters/" + matter.value() + "/documents/";

        var page = mvc.perform(get(base + png + "/versions/1/preview").cookie(session))
                .andReturn()
                .getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("<img", "src=\"" + base + png + "/versions/1/inline\"");
        assertThat(page.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'", "script-src 'self'");
        var pdfPage = mvc.perform(get(base + pdf + "/versions/1/preview").cookie(session))
                .andReturn()
                .getResponse();
        assertThat(pdfPage.getContentAsString()).contains("<iframe", "src=\"" + base + pdf + "/versions/1/inline\"");

        var image = mvc.perform(get(base + png + "/versions/1/inline").cookie(session))
                .andReturn()
                .getResponse();
        assertThat(image.getStatus()).isEqualTo(200);
        assertThat(image.getContentType()).isEqualTo("image/png");
        assertThat(image.getContentAsByteArray()).isEqualTo(SampleFiles.png());
        assertThat(image.getHeader("Content-Disposition")).startsWith("inline; filename=");
        assertThat(image.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(image.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(image.getHeader("Content-Security-Policy"))
                .isEqualTo("sandbox; default-src 'none'; frame-ancestors 'self'");
        assertThat(image.getHeaders("X-Frame-Options")).containsExactly("SAMEORIGIN");

        var document = mvc.perform(get(base + pdf + "/versions/1/inline").cookie(session))
                .andReturn()
                .getResponse();
        assertThat(document.getContentType()).isEqualTo("application/pdf");
        assertThat(document.getHeader("Content-Security-Policy"))
                .isEqualTo("default-src 'none'; frame-ancestors 'self'");
        assertThat(document.getHeaders("X-Frame-Options")).containsExactly("SAMEORIGIN");

        assertThat(http.status(session, base + text + "/versions/1/inline"))
                .as("text is never served inline")
                .isEqualTo(404);
        assertThat(http.status(session, base + text + "/versions/1/preview")).isEqualTo(404);
        assertThat(http.status(session, base + png + "/versions/7/inline")).isEqualTo(404);
        for (var stranger : List.of(outsider, screened)) {
            var theirs = http.signIn(stranger);
            assertThat(http.status(theirs, base + png + "/versions/1/inline"))
                    .as(stranger.email())
                    .isEqualTo(404);
            assertThat(http.status(theirs, base + png + "/versions/1/preview")).isEqualTo(404);
        }
        // Another matter's address with this document: 404 too, the document is not that matter's.
        var otherMatter = matter(attorney, client(attorney, "Other Client"), "D-" + TestDatabase.randomName(), "Other");
        assertThat(http.status(session, "/matters/" + otherMatter.value() + "/documents/" + png + "/versions/1/inline"))
                .isEqualTo(404);
    }

    @Test
    void rawSqlAsTheRuntimeRoleInAWalledUsersContextSeesNoDocumentRows() throws Exception {
        UUID id = uploaded(http.signIn(attorney), DocumentUploads.aFile("notes.txt", SampleFiles.text()));
        // No firm bound at all: the facade refuses, and PostgreSQL shows nothing.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> documents.details(new DocumentId(id)))
                .isInstanceOf(io.lexvault.tenancy.NoTenantBoundException.class);
        assertThat(runtimeSql
                        .unbound()
                        .sql("SELECT count(*) FROM lexvault.documents")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(runtimeSql
                        .unbound()
                        .sql("SELECT count(*) FROM lexvault.document_versions")
                        .query(Long.class)
                        .single())
                .isZero();
        for (var table : List.of("documents", "document_versions")) {
            String idColumn = table.equals("documents") ? "id" : "document_id";
            assertThat(countAs(
                            firm,
                            screened,
                            "SELECT count(*) FROM lexvault." + table + " WHERE " + idColumn + " = :id",
                            id))
                    .as("%s, screened administrator", table)
                    .isZero();
            assertThat(countAs(firm, screened, "SELECT count(*) FROM lexvault." + table, id))
                    .isZero();
            assertThat(countAs(firm, null, "SELECT count(*) FROM lexvault." + table, id))
                    .as("%s, nobody acting", table)
                    .isZero();
            assertThat(countAs(
                            otherFirm,
                            outsider,
                            "SELECT count(*) FROM lexvault." + table + " WHERE " + idColumn + " = :id",
                            id))
                    .as("%s, another firm", table)
                    .isZero();
            assertThat(countAs(
                            firm,
                            paralegal,
                            "SELECT count(*) FROM lexvault." + table + " WHERE " + idColumn + " = :id",
                            id))
                    .as("%s, the control: on the team", table)
                    .isEqualTo(1);
        }
        assertThat(countAs(
                        firm,
                        screened,
                        "WITH changed AS (UPDATE lexvault.documents SET title = 'seen' WHERE id = :id RETURNING 1)"
                                + " SELECT count(*) FROM changed",
                        id))
                .isZero();
    }

    @Test
    void deletingNeedsDocumentsDeleteAndRemovesEveryVersionsBlob() throws Exception {
        var session = http.signIn(attorney);
        UUID id = uploaded(session, DocumentUploads.aFile("notes.txt", SampleFiles.text()));
        upload(
                session,
                matter,
                DocumentUploads.aFile("notes.txt", SampleFiles.text()).field("documentId", id.toString()));
        assertThat(storedBlobs(firm, id)).hasSize(2);

        var paralegalSession = http.signIn(paralegal);
        assertThat(http.statusOf(paralegalSession, delete("/api/v1/documents/" + id), null))
                .as("a paralegal lacks documents.delete")
                .isEqualTo(403);
        assertThat(http.status(paralegalSession, "/api/v1/documents/" + id)).isEqualTo(200);

        assertThat(mvc.perform(delete("/api/v1/documents/" + id).cookie(session).with(csrf()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(204);
        assertThat(http.status(session, "/api/v1/documents/" + id)).isEqualTo(404);
        assertThat(storedBlobs(firm, id)).isEmpty();
        assertThat(events(AuditAction.DOCUMENT_DELETED, id)).hasSize(1);
    }

    @Test
    void aNewVersionThatChangesTheClassificationNeedsDocumentsClassifyAndIsAudited() throws Exception {
        var session = http.signIn(attorney);
        UUID id = uploaded(session, DocumentUploads.aFile("notes.txt", SampleFiles.text()));
        var relabel = new UploadForm(new DocumentId(id), Classification.PUBLIC, null, null);

        var withoutClassify = BuiltInRole.ATTORNEY.permissions().stream()
                .map(io.lexvault.access.Permission::key)
                .filter(key -> !key.equals("documents.classify"))
                .toList();
        var refused = asSignedIn(attorney, withoutClassify, () -> {
            try {
                documents.upload(matter, relabel, "notes.txt", new ByteArrayInputStream(SampleFiles.text()), () -> {});
                return null;
            } catch (ClassificationRefusedException e) {
                return e;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(refused).isNotNull();
        assertThat(storedBlobs(firm, id)).as("nothing stored").hasSize(1);
        var unchanged = http.getJson(session, "/api/v1/documents/" + id);
        assertThat(unchanged.get("classification").asString()).isEqualTo("CONFIDENTIAL");
        assertThat(unchanged.get("currentVersion").asInt()).isEqualTo(1);
        assertThat(events(AuditAction.DOCUMENT_CLASSIFIED, id))
                .singleElement()
                .satisfies(event -> assertThat(event.outcome()).isEqualTo(io.lexvault.audit.AuditOutcome.DENIED.key()));

        // The same classification again is no change, and needs no permission.
        asSignedIn(attorney, withoutClassify, () -> {
            try {
                return documents.upload(
                        matter,
                        new UploadForm(new DocumentId(id), Classification.CONFIDENTIAL, null, null),
                        "notes.txt",
                        new ByteArrayInputStream(SampleFiles.text()),
                        () -> {});
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        // Over HTTP with documents.classify: stored, relabelled and audited with from and to.
        var relabelled = upload(
                session,
                matter,
                DocumentUploads.aFile("notes.txt", SampleFiles.text())
                        .field("documentId", id.toString())
                        .field("classification", "public"));
        assertThat(relabelled.getStatus()).as(relabelled.getContentAsString()).isEqualTo(201);
        assertThat(body(relabelled).get("classification").asString()).isEqualTo("PUBLIC");
        assertThat(events(AuditAction.DOCUMENT_CLASSIFIED, id)).last().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(io.lexvault.audit.AuditOutcome.SUCCESS.key());
            assertThat(event.details()).containsEntry("from", "CONFIDENTIAL").containsEntry("to", "PUBLIC");
        });
    }

    @Test
    void classifyingIsAuditedAndListsSortByTitleOrLastChange() throws Exception {
        var session = http.signIn(attorney);
        UUID zebra = uploaded(session, DocumentUploads.aFile("zebra.txt", SampleFiles.text()));
        UUID apple = uploaded(session, DocumentUploads.aFile("apple.txt", SampleFiles.text()));
        var changed = mvc.perform(put("/api/v1/documents/" + zebra + "/classification")
                        .cookie(session)
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"classification\":\"public\"}"))
                .andReturn()
                .getResponse();
        assertThat(changed.getStatus()).isEqualTo(200);
        assertThat(body(changed).get("classification").asString()).isEqualTo("PUBLIC");
        assertThat(events(AuditAction.DOCUMENT_CLASSIFIED, zebra).get(0).details())
                .containsEntry("from", "CONFIDENTIAL")
                .containsEntry("to", "PUBLIC");

        var byTitle = http.getJson(session, "/api/v1/matters/" + matter.value() + "/documents?sort=title");
        assertThat(byTitle.get("items").get(0).get("id").asString()).isEqualTo(apple.toString());
        var byChange = http.getJson(session, "/api/v1/matters/" + matter.value() + "/documents?sort=updated");
        assertThat(byChange.get("items").get(0).get("id").asString()).isEqualTo(zebra.toString());
        assertThat(byChange.get("total").asLong()).isEqualTo(2);
        assertThat(http.status(session, "/api/v1/matters/" + matter.value() + "/documents?sort=size"))
                .isEqualTo(400);
    }

    @Test
    void theSweeperRemovesAnOrphanBlobAndKeepsTheBlobsOfVersions() throws Exception {
        var session = http.signIn(attorney);
        UUID id = uploaded(session, DocumentUploads.aFile("notes.txt", SampleFiles.text()));
        var orphan = BlobKey.of("documents/" + firm.value() + "/" + UUID.randomUUID() + "/1-orphan");
        blobs.put(orphan, new ByteArrayInputStream(new byte[] {1, 2, 3}));

        var sweep = sweeper.sweepFirm(firm);

        assertThat(sweep.removed()).isEqualTo(1);
        assertThat(blobs.exists(orphan)).isFalse();
        assertThat(content(session, "/api/v1/documents/" + id + "/content")).isEqualTo(SampleFiles.text());

        var young = BlobKey.of("documents/" + firm.value() + "/" + UUID.randomUUID() + "/1-young");
        blobs.put(young, new ByteArrayInputStream(new byte[] {4}));
        var patient = new DocumentBlobSweeper(
                blobs,
                repository,
                tenants,
                ledger,
                transactionTemplate,
                java.time.Clock.systemUTC(),
                new DocumentsProperties(
                        org.springframework.util.unit.DataSize.ofMegabytes(1),
                        java.time.Duration.ofHours(1),
                        java.time.Duration.ofHours(6),
                        java.time.Duration.ofMinutes(10)));
        assertThat(patient.sweepFirm(firm))
                .as("an orphan younger than the grace period may be an upload on its way to the database")
                .isEqualTo(new DocumentBlobSweeper.Sweep(0, 1));
        assertThat(blobs.exists(young)).isTrue();
        blobs.delete(young);

        assertThat(events(AuditFilters.action(AuditAction.DOCUMENT_ORPHANS_SWEPT)))
                .extracting(event -> event.details().get("removed"))
                .containsExactly("1");
    }

    @Test
    void sweepingOnDemandIsForAdministratorsAndAuditsTheCaller() throws Exception {
        for (var person : List.of(attorney, paralegal)) {
            assertThat(mvc.perform(post("/api/v1/documents/orphans/sweep")
                                    .cookie(http.signIn(person))
                                    .with(csrf()))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .isEqualTo(403);
        }
        var administrator = withRole(firm, BuiltInRole.ADMINISTRATOR);
        var swept = mvc.perform(post("/api/v1/documents/orphans/sweep")
                        .cookie(http.signIn(administrator))
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(swept.getStatus()).as(swept.getContentAsString()).isEqualTo(200);
        assertThat(events(AuditFilters.action(AuditAction.DOCUMENT_ORPHANS_SWEPT)))
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.actorId()).isEqualTo(administrator.id().value());
                    assertThat(event.details()).containsEntry("removed", "0");
                });
    }

    // Helpers

    private void assertDownloadFails(Cookie session, UUID id) throws Exception {
        var response = mvc.perform(get("/api/v1/documents/" + id + "/content").cookie(session))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(contains(response.getContentAsByteArray(), SampleFiles.MARKER))
                .as("no byte of the document is sent")
                .isFalse();
        assertThat(response.getHeader("Content-Disposition")).isNull();
        assertThat(events(AuditAction.DOCUMENT_INTEGRITY_FAILED, id)).hasSize(1);
        assertThat(events(AuditAction.DOCUMENT_DOWNLOADED, id)).isEmpty();
    }

    private MockHttpServletResponse assertRefused(Cookie session, DocumentUploads upload, int status) throws Exception {
        var response = upload(session, matter, upload);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        assertNothingStored();
        return response;
    }

    private void assertNothingStored() throws Exception {
        var session = http.signIn(attorney);
        assertThat(http.getJson(session, "/api/v1/matters/" + matter.value() + "/documents")
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(countAs(firm, attorney, "SELECT count(*) FROM lexvault.document_versions", UUID.randomUUID()))
                .isZero();
        try (var keys = blobs.list("documents/" + firm.value() + "/")) {
            assertThat(keys.toList()).as("blobs of the firm").isEmpty();
        }
    }

    private UUID uploaded(Cookie session, DocumentUploads upload) throws Exception {
        var response = upload(session, matter, upload);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return UUID.fromString(body(response).get("id").asString());
    }

    private MockHttpServletResponse upload(Cookie session, MatterId matter, DocumentUploads upload) throws Exception {
        return http.postMultipart(
                session, "/api/v1/matters/" + matter.value() + "/documents", upload.contentType(), upload.body());
    }

    private List<BlobKey> storedBlobs(TenantId tenant, UUID document) {
        try (var keys = blobs.list("documents/" + tenant.value() + "/" + document + "/")) {
            return keys.toList();
        }
    }

    private byte[] read(BlobKey key) throws IOException {
        try (var in = blobs.get(key)) {
            return in.readAllBytes();
        }
    }

    private byte[] content(Cookie session, String path) throws Exception {
        var response = mvc.perform(get(path).cookie(session)).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsByteArray();
    }

    private JsonNode body(MockHttpServletResponse response) throws Exception {
        return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }

    private List<AuditTrail.Event> events(AuditAction action, UUID target) {
        return events(AuditFilters.onTarget(action, target));
    }

    /** Runs service calls as the person signed in, as a request would (the audit names the caller). */
    private <T> T asSignedIn(People.Person person, java.util.function.Supplier<T> work) {
        return asSignedIn(
                person,
                BuiltInRole.ATTORNEY.permissions().stream()
                        .map(io.lexvault.access.Permission::key)
                        .toList(),
                work);
    }

    private <T> T asSignedIn(People.Person person, List<String> permissions, java.util.function.Supplier<T> work) {
        var principal = new SignedInUser(person.firm().value(), person.id().value(), person.email(), "Test Person");
        var authorities = permissions.stream().map(SimpleGrantedAuthority::new).toList();
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
        try {
            return as(person, work);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static long countAs(TenantId tenant, People.@Nullable Person person, String sql, UUID id) {
        return sqlAs(tenant, person, jdbc -> {
            var statement = jdbc.sql(sql);
            if (sql.contains(":id")) {
                statement = statement.param("id", id);
            }
            return statement.query(Long.class).single();
        });
    }

    /** A valid ciphertext of version 1 of {@code id} for the attorney's firm, as stored under {@code storedAs}. */
    private byte[] encryptedAs(UUID id, String storedAs, byte[] plaintext) {
        var ciphertext = new java.io.ByteArrayOutputStream();
        as(attorney, () -> {
            try {
                encryption.encrypt(id, 1, storedAs, new ByteArrayInputStream(plaintext), ciphertext);
                return null;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return ciphertext.toByteArray();
    }

    /** Downloads the current version as the attorney into {@code received}; the verification failure, if any. */
    private @Nullable DocumentVerificationException verificationFailure(UUID id, java.io.OutputStream received) {
        return asSignedIn(attorney, () -> {
            try {
                documents.send(documents.download(new DocumentId(id), null), received);
                return null;
            } catch (DocumentVerificationException e) {
                return e;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    /** A request body whose connection breaks after {@code limit} bytes. */
    static InputStream failingAfter(byte[] content, int limit) {
        return new InputStream() {
            int position;

            @Override
            public int read() throws IOException {
                if (position >= limit) {
                    throw new IOException("Connection reset by peer");
                }
                return position < content.length ? content[position++] & 0xff : -1;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                if (position >= limit) {
                    throw new IOException("Connection reset by peer");
                }
                int n = Math.min(length, Math.min(limit, content.length) - position);
                if (n <= 0) {
                    return -1;
                }
                System.arraycopy(content, position, bytes, offset, n);
                position += n;
                return n;
            }
        };
    }

    /** The refusal an upload meets, or null when it is accepted. */
    private static @Nullable UploadRefusedException refusalOf(UploadAttempt attempt) {
        try {
            attempt.run();
            return null;
        } catch (UploadRefusedException e) {
            return e;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface UploadAttempt {
        void run() throws IOException;
    }
}
