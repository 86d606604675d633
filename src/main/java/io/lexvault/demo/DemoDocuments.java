package io.lexvault.demo;

import io.lexvault.access.BuiltInRole;
import io.lexvault.documents.Classification;
import io.lexvault.documents.DocumentId;
import io.lexvault.documents.Documents;
import io.lexvault.documents.UploadForm;
import io.lexvault.identity.Accounts;
import io.lexvault.matters.Matter;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;

/**
 * The demo matters' documents: real files (PDF letters and heads of terms, an attendance note in two
 * versions, an e-mail, a memo) from {@code src/main/resources/demo/documents}, uploaded by the demo
 * attorney through the same {@link Documents} path as the API, so they are type-checked, hashed and
 * encrypted under the demo firm's key like any upload: the blobs under {@code ./var/blobs} are
 * ciphertext.
 */
final class DemoDocuments {

    private record DemoFile(
            String matterNumber,
            String resource,
            String title,
            Classification classification,
            @Nullable String newVersionOf) {}

    private static final List<DemoFile> FILES = List.of(
            new DemoFile("2024-0001", "engagement-letter.pdf", "Engagement letter", Classification.CONFIDENTIAL, null),
            new DemoFile(
                    "2024-0001", "heads-of-terms.pdf", "Heads of terms (draft)", Classification.CONFIDENTIAL, null),
            new DemoFile(
                    "2024-0001", "attendance-note-v1.txt", "Attendance note 4 March", Classification.RESTRICTED, null),
            new DemoFile(
                    "2024-0001",
                    "attendance-note-v2.txt",
                    "Attendance note 4 March",
                    Classification.RESTRICTED,
                    "Attendance note 4 March"),
            new DemoFile(
                    "2024-0002",
                    "supply-agreement-excerpt.pdf",
                    "Supply agreement (excerpt)",
                    Classification.CONFIDENTIAL,
                    null),
            new DemoFile(
                    "2024-0002",
                    "letter-from-opposing-counsel.eml",
                    "Without prejudice offer from Keller & Partner",
                    Classification.RESTRICTED,
                    null),
            new DemoFile(
                    DemoFirm.WALLED_MATTER_NUMBER,
                    "tender-challenge-memo.txt",
                    "Memo on the tender challenge",
                    Classification.RESTRICTED,
                    null));

    private DemoDocuments() {}

    /**
     * Uploads the demo files once: a demo matter that already has documents is left as it is. Each
     * upload is indexed for search after it commits (the documents module's event).
     *
     * @return how many files were uploaded now
     */
    static int seed(ApplicationContext context, TenantId firm) {
        var accounts = context.getBean(Accounts.class);
        var matters = context.getBean(Matters.class);
        var documents = context.getBean(Documents.class);
        var attorney = TenantContext.callAs(
                firm,
                null,
                () -> accounts.findByEmail(DemoFirm.emailFor(BuiltInRole.ATTORNEY))
                        .orElseThrow());
        return TenantContext.callAs(firm, attorney.id().value(), () -> {
            var byNumber = new java.util.HashMap<String, MatterId>();
            for (Matter matter : matters.list(0, Matters.MAX_PAGE_SIZE).items()) {
                byNumber.put(matter.number(), matter.id());
            }
            // A matter that had documents before this run is left as it is (the demo keeps its data).
            var untouched = new java.util.HashSet<String>();
            byNumber.forEach((number, matter) -> {
                if (documents.list(matter, 0, 1, "title").total() == 0) {
                    untouched.add(number);
                }
            });
            var seeded = new java.util.HashMap<String, DocumentId>();
            int uploads = 0;
            for (var file : FILES) {
                if (!untouched.contains(file.matterNumber())) {
                    continue;
                }
                DocumentId previous = file.newVersionOf() == null ? null : seeded.get(file.newVersionOf());
                var form = new UploadForm(previous, file.classification(), file.title(), null);
                try (InputStream content =
                        DemoDocuments.class.getResourceAsStream("/demo/documents/" + file.resource())) {
                    if (content == null) {
                        throw new IllegalStateException("demo document missing from the build: " + file.resource());
                    }
                    var uploaded = documents.upload(
                            byNumber.get(file.matterNumber()), form, file.resource(), content, () -> {});
                    seeded.putIfAbsent(file.title(), uploaded.document().id());
                    uploads++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return uploads;
        });
    }
}
