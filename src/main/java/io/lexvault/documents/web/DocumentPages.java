package io.lexvault.documents.web;

import io.lexvault.documents.Classification;
import io.lexvault.documents.ClassificationRefusedException;
import io.lexvault.documents.DocumentId;
import io.lexvault.documents.DocumentIndexing;
import io.lexvault.documents.DocumentMarks;
import io.lexvault.documents.Documents;
import io.lexvault.documents.UploadRefusedException;
import io.lexvault.identity.SignedInUser;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.storage.ObjectStoreException;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
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

    DocumentPages(
            Documents documents,
            Matters matters,
            Tenants tenants,
            DocumentIndexing indexing,
            List<DocumentMarks> markers) {
        this.documents = documents;
        this.indexing = indexing;
        this.markers = List.copyOf(markers);
        this.matters = matters;
        this.tenants = tenants;
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
        var rows = result.items().stream().map(d -> documents.details(d.id())).toList();
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("matter", matter);
        model.addAttribute("rows", rows);
        model.addAttribute("indexing", indexing.statusOf(result.items()));
        var marks = new HashMap<DocumentId, List<String>>();
        for (DocumentMarks marker : markers) {
            marker.marksOf(result.items())
                    .forEach((document, more) -> marks.computeIfAbsent(document, d -> new ArrayList<>())
                            .addAll(more));
        }
        model.addAttribute("marks", marks);
        model.addAttribute("page", result.page());
        model.addAttribute("sort", order);
        model.addAttribute("total", result.total());
        model.addAttribute("hasNext", (long) (result.page() + 1) * PAGE_SIZE < result.total());
        model.addAttribute("classifications", Classification.values());
        model.addAttribute("maxSize", documents.maxSize());
        model.addAttribute("mayUpload", CallerPermissions.holds("documents.upload"));
        model.addAttribute("mayDownload", CallerPermissions.holds("documents.download"));
        model.addAttribute("mayDelete", CallerPermissions.holds("documents.delete"));
        model.addAttribute("mayClassify", CallerPermissions.holds("documents.classify"));
        return "documents/documents";
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

    @PostMapping("/matters/{id}/documents/{documentId}/delete")
    @RequiresPermission("documents.delete")
    String delete(@PathVariable UUID id, @PathVariable UUID documentId, RedirectAttributes redirect) {
        documents.delete(new DocumentId(documentId));
        redirect.addFlashAttribute("notice", "Document deleted.");
        return "redirect:/matters/" + id + "/documents";
    }
}
