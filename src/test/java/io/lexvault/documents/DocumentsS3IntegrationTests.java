package io.lexvault.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.lexvault.access.BuiltInRole;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.MockSignIn;
import io.lexvault.testsupport.S3MockServer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Documents on S3 (a real S3 API server, Adobe S3Mock): every object in the bucket holds ciphertext
 * only, read back with a client of its own, and the document still downloads byte for byte.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class DocumentsS3IntegrationTests extends FirmWebTest {

    private static final String PREFIX = "documents-it-" + UUID.randomUUID();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry properties) {
        var s3 = S3MockServer.shared();
        properties.add("lexvault.storage.blobs.kind", () -> "s3");
        properties.add("lexvault.storage.blobs.s3.bucket", () -> S3MockServer.BUCKET);
        properties.add("lexvault.storage.blobs.s3.region", () -> S3MockServer.REGION);
        properties.add("lexvault.storage.blobs.s3.endpoint", () -> s3.endpoint().toString());
        properties.add("lexvault.storage.blobs.s3.path-style", () -> "true");
        properties.add("lexvault.storage.blobs.s3.prefix", () -> PREFIX);
    }

    private final S3Client bucket = S3MockServer.shared().client();

    @Autowired
    Matters matters;

    @Test
    void objectsInTheBucketHoldNoPlaintextAndTheDocumentDownloadsIntact() throws Exception {
        var firm = aFirm("S3 documents");
        var attorney = withRole(firm, BuiltInRole.ATTORNEY);
        var matter = TenantContext.callAs(
                firm, attorney.id().value(), () -> matters.open(matters.openClient("Acme"), "S3-1", "Acme v. Widget"));
        var session = MockSignIn.session(mvc, attorney);
        // Several encryption segments (1 MB each): every one of them is ciphertext. Multipart writes are
        // the store's own contract test (S3BlobStoreTests).
        byte[] content = SampleFiles.largeText(2_500_000);
        var upload = DocumentUploads.aFile("memo.txt", content);

        var created = http.postMultipart(
                session, "/api/v1/matters/" + matter.value() + "/documents", upload.contentType(), upload.body());
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        UUID id = UUID.fromString(json.readTree(created.getContentAsString(StandardCharsets.UTF_8))
                .get("id")
                .asString());

        var objects = bucket.listObjectsV2(ListObjectsV2Request.builder()
                        .bucket(S3MockServer.BUCKET)
                        .prefix(PREFIX + "/documents/" + firm.value() + "/" + id + "/")
                        .build())
                .contents();
        assertThat(objects).hasSize(1);
        for (S3Object object : objects) {
            byte[] stored = bucket.getObjectAsBytes(GetObjectRequest.builder()
                            .bucket(S3MockServer.BUCKET)
                            .key(object.key())
                            .build())
                    .asByteArray();
            assertThat(stored.length).isGreaterThan(content.length);
            assertThat(DocumentsIntegrationTests.contains(stored, SampleFiles.MARKER))
                    .as("the object in S3 holds ciphertext only")
                    .isFalse();
        }

        var download = mvc.perform(get("/api/v1/documents/" + id + "/content").cookie(session))
                .andReturn()
                .getResponse();
        assertThat(download.getStatus()).isEqualTo(200);
        assertThat(download.getContentAsByteArray()).isEqualTo(content);
        assertThat(download.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
