package io.lexvault.documents.web;

import io.lexvault.documents.Classification;
import io.lexvault.documents.ClassificationRefusedException;
import io.lexvault.documents.Document;
import io.lexvault.documents.DocumentId;
import io.lexvault.documents.DocumentIndexing;
import io.lexvault.documents.DocumentMarks;
import io.lexvault.documents.DocumentNotVisibleException;
import io.lexvault.documents.Documents;
import io.lexvault.documents.UploadRefusedException;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.SignedInUser;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.storage.ObjectStoreException;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.Confirmation;
import io.lexvault.web.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A matter's documents ({@code /matters/{id}/documents}): the list with versions, classification and
 * download links, deletion, and an upload area (drag and drop with a progress bar in {@code
 * /js/documents.js}, which posts to the API; a plain form for browsers without scripts, handled here).
 * A matter or document the caller may not see is the error page's 404, like one that does not exist.
 */
@Controller
class DocumentPages {

    static final int PAGE_SIZE = 50;

    private final Documents documents;
    private final Matters matters;
    private final Tenants tenants;
    private final DocumentIndexing indexing;
    private final List<DocumentMarks> markers;
    private final Accounts accounts;

    DocumentPages(
            Documents documents,
            Matters matters,
            Tenants tenants,
            DocumentIndexing indexing,
            List<DocumentMarks> markers,
            Accounts accounts) {
        this.documents = documents;
        this.indexing = indexing;
        this.markers = List.copyOf(markers);
        this.matters = matters;
        this.tenants = tenants;
        this.accounts = accounts;
    }

    @GetMapping("/matters/{id}/documents")
    @RequiresPermission("documents.read")
    String list(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "title") String sort,
            Model model) {
        var matter = matters.requested(new MatterId(id));
        String order = sort.equals("updated") ? "updated" : "title";
        var result = documents.list(matter.id(), Math.max(0, page), PAGE_SIZE, order);
        var rows = new DocumentRows(accounts)
                .of(result.items().stream().map(d -> documents.details(d.id())).toList());
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("matter", matter);
        model.addAttribute("rows", rows);
        model.addAttribute("indexing", indexing.statusOf(result.items()));
        model.addAttribute("marks", marks(result.items()));
        model.addAttribute("page", result.page());
        model.addAttribute("sort", order);
        model.addAttribute("total", result.total());
        model.addAttribute("hasNext", (long) (result.page() + 1) * PAGE_SIZE < result.total());
        model.addAttribute("classifications", Classification.values());
        model.addAttribute("maxSize", documents.maxSize());
        permissions(model);
        return "documents/documents";
    }

    /** What other modules mark on these documents (e.g. passages flagged as possible prompt injection). */
    private Map<DocumentId, List<String>> marks(List<Document> shown) {
        var marks = new HashMap<DocumentId, List<String>>();
        for (DocumentMarks marker : markers) {
            marker.marksOf(shown)
                    .forEach((document, more) -> marks.computeIfAbsent(document, d -> new ArrayList<>())
                            .addAll(more));
        }
        return marks;
    }

    /**
     * One document's row as the list shows it, for the script that adds the row of a finished upload
     * without reloading the page (htmx swaps it into the table).
     */
    @GetMapping("/matters/{id}/documents/{documentId}/row")
    @RequiresPermission("documents.read")
    String row(@PathVariable UUID id, @PathVariable UUID documentId, Model model) {
        var matter = matters.requested(new MatterId(id));
        var details = inMatter(matter.id(), documentId);
        model.addAttribute("matter", matter);
        model.addAttribute("rows", List.of(new DocumentRows(accounts).of(details)));
        model.addAttribute("indexing", indexing.statusOf(List.of(details.document())));
        model.addAttribute("marks", marks(List.of(details.document())));
        model.addAttribute("classifications", Classification.values());
        permissions(model);
        return "documents/documents :: documentRows";
    }

    /** A version shown inside LexVault's page: a PDF in the browser's viewer, an image as an image. */
    @GetMapping("/matters/{id}/documents/{documentId}/versions/{version}/preview")
    @RequiresPermission("documents.download")
    String preview(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @PathVariable UUID documentId,
            @PathVariable int version,
            @RequestParam(required = false) @Nullable Integer page,
            Model model) {
        var matter = matters.requested(new MatterId(id));
        var row = new DocumentRows(accounts).of(inMatter(matter.id(), documentId));
        var shown = row.versions().stream()
                .filter(v -> v.version().version() == version && v.previewable())
                .findFirst()
                .orElseThrow(DocumentNotVisibleException::new);
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("matter", matter);
        model.addAttribute("row", row);
        model.addAttribute("shown", shown);
        model.addAttribute("image", shown.version().mediaType().startsWith("image/"));
        // A search hit or a citation opens a PDF at its page: the browser's viewer reads #page=.
        boolean pdf = "application/pdf".equals(shown.version().mediaType());
        model.addAttribute("page", pdf && page != null && page > 0 && page <= 100_000 ? page : null);
        return "documents/preview";
    }

    /**
     * The bytes behind a preview: only the previewable types, inline, with headers that let only
     * LexVault's own pages frame it and give it no power of its own (see {@link DocumentDownloads#inline}).
     */
    @GetMapping("/matters/{id}/documents/{documentId}/versions/{version}/inline")
    @RequiresPermission("documents.download")
    void inline(
            @PathVariable UUID id,
            @PathVariable UUID documentId,
            @PathVariable int version,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        var matter = matters.requested(new MatterId(id));
        inMatter(matter.id(), documentId);
        var download = documents.download(new DocumentId(documentId), version);
        if (!DocumentRows.previewable(download.contentType())) {
            throw new DocumentNotVisibleException(); // nothing else is ever served inline
        }
        DocumentDownloads.inline(documents, download, request, response);
    }

    /** The document, if the caller sees it and it is this matter's (another matter's id here is a 404). */
    private Documents.Details inMatter(MatterId matter, UUID documentId) {
        var details = documents.details(new DocumentId(documentId));
        if (!details.document().matter().equals(matter)) {
            throw new DocumentNotVisibleException();
        }
        return details;
    }

    private static void permissions(Model model) {
        model.addAttribute("mayUpload", CallerPermissions.holds("documents.upload"));
        model.addAttribute("mayDownload", CallerPermissions.holds("documents.download"));
        model.addAttribute("mayDelete", CallerPermissions.holds("documents.delete"));
        model.addAttribute("mayClassify", CallerPermissions.holds("documents.classify"));
    }

    /**
     * The upload form without scripts. Its CSRF token travels in the address (the form's action), since
     * the body is a multipart stream that nothing reads before this handler.
     */
    @PostMapping("/matters/{id}/documents/upload")
    @RequiresPermission("documents.upload")
    String upload(@PathVariable UUID id, HttpServletRequest request, RedirectAttributes redirect) throws IOException {
        try {
            var uploaded = MultipartUpload.receive(documents, new MatterId(id), request);
            redirect.addFlashAttribute(
                    "notice",
                    "Stored " + uploaded.version().fileName() + " as version "
                            + uploaded.version().version() + ".");
        } catch (UploadRefusedException | MultipartUpload.UnsupportedUpload | ClassificationRefusedException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        } catch (ObjectStoreException e) {
            redirect.addFlashAttribute("problem", "The document store cannot be reached; nothing was kept.");
        }
        return "redirect:/matters/" + id + "/documents";
    }

    @PostMapping("/matters/{id}/documents/{documentId}/classification")
    @RequiresPermission("documents.classify")
    String classify(
            @PathVariable UUID id,
            @PathVariable UUID documentId,
            @RequestParam(defaultValue = "") String classification,
            RedirectAttributes redirect) {
        try {
            documents.classify(new DocumentId(documentId), Classification.parse(classification));
            redirect.addFlashAttribute("notice", "Classification changed.");
        } catch (UploadRefusedException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/matters/" + id + "/documents";
    }

    /**
     * Deletes a document once confirmed: the first post (the list's Delete button) only asks, naming the
     * document and what goes with it; the confirmation page posts again with {@code confirmed=yes}.
     */
    @PostMapping("/matters/{id}/documents/{documentId}/delete")
    @RequiresPermission("documents.delete")
    String delete(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @PathVariable UUID documentId,
            @RequestParam(defaultValue = "") String confirmed,
            Model model,
            RedirectAttributes redirect) {
        var matter = matters.requested(new MatterId(id));
        var details = inMatter(matter.id(), documentId);
        String title = details.document().title();
        if (!Confirmation.given(confirmed)) {
            model.addAttribute("user", user);
            model.addAttribute("firm", tenants.current());
            int versions = details.versions().size();
            return new Confirmation(
                            "Delete the document " + title + "?",
                            List.of(
                                    "Its " + (versions == 1 ? "only version is" : "all " + versions + " versions are")
                                            + " deleted from the document store and from search.",
                                    "This cannot be undone; the audit log keeps a record that it was deleted."),
                            "/matters/" + id + "/documents/" + documentId + "/delete",
                            Map.of(),
                            "Delete " + title,
                            "/matters/" + id + "/documents")
                    .show(model);
        }
        documents.delete(details.document().id());
        redirect.addFlashAttribute("notice", "Deleted the document " + title + ".");
        return "redirect:/matters/" + id + "/documents";
    }
}
