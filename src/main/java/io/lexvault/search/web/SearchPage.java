package io.lexvault.search.web;

import io.lexvault.access.MatterDirectory;
import io.lexvault.documents.DocumentPreviews;
import io.lexvault.identity.SignedInUser;
import io.lexvault.search.DocumentSearch;
import io.lexvault.search.SearchRefusedException;
import io.lexvault.search.SearchResults;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.RequiresPermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The search page ({@code /search}): a query box (also in every page's header, and on a matter's page
 * for that matter), results grouped by document with highlighted passages and their pages, facets to
 * narrow by matter, type and classification, and paging. Works without scripts. Same search, same
 * walls and same audit as the API.
 */
@Controller
class SearchPage {

    private static final Map<String, String> FACET_NAMES = Map.of(
            "matter", "Matter",
            "client", "Client",
            "contentType", "Type",
            "classification", "Classification",
            "year", "Year",
            "month", "Month");

    /** One facet as the page lists it. */
    record FacetGroup(String name, String label, List<SearchResults.Facet> values) {}

    private final DocumentSearch search;
    private final MatterDirectory matters;
    private final Tenants tenants;

    SearchPage(DocumentSearch search, MatterDirectory matters, Tenants tenants) {
        this.search = search;
        this.matters = matters;
        this.tenants = tenants;
    }

    @GetMapping("/search")
    @RequiresPermission("search.use")
    String search(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String matter,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String classification,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("type", blankToNull(type));
        model.addAttribute("classification", blankToNull(classification));
        try {
            var request = SearchParameters.read(q, matter, null, type, null, null, classification, page);
            if (request.matter() != null) {
                // 404 (the error page) for a matter the reader may not see, like every other page.
                var listing = matters.visibleListing(request.matter())
                        .orElseThrow(io.lexvault.access.MatterNotVisibleException::new);
                model.addAttribute("matterId", listing.id());
                model.addAttribute("matterLabel", listing.number() + " " + listing.title());
            }
            if (q != null && !q.isBlank()) {
                var results = search.search(request);
                model.addAttribute("results", results);
                links(results, model);
                model.addAttribute(
                        "facetGroups",
                        results.facets().entrySet().stream()
                                .filter(f -> !f.getValue().isEmpty())
                                .map(f -> new FacetGroup(
                                        f.getKey(), FACET_NAMES.getOrDefault(f.getKey(), f.getKey()), f.getValue()))
                                .sorted(java.util.Comparator.comparing(FacetGroup::label))
                                .toList());
            }
        } catch (SearchRefusedException e) {
            model.addAttribute("problem", e.getMessage());
        }
        return "search/search";
    }

    /**
     * Where each hit opens: the version's preview inside LexVault (a PDF at the passage's page) for
     * readers who may download, otherwise the matter's documents page, which lists it.
     */
    private static void links(SearchResults results, Model model) {
        boolean mayOpen = CallerPermissions.holds("documents.download");
        Map<UUID, String> documents = new HashMap<>();
        Map<UUID, String> passages = new HashMap<>();
        for (var d : results.documents()) {
            boolean preview = mayOpen && DocumentPreviews.previewable(d.mediaType());
            String list = "/matters/" + d.matterId() + "/documents";
            documents.put(
                    d.documentId(),
                    preview
                            ? DocumentPreviews.link(d.matterId(), d.documentId(), d.version(), d.mediaType(), null)
                            : list);
            for (var p : d.passages()) {
                passages.put(
                        p.chunkId(),
                        preview
                                ? DocumentPreviews.link(
                                        d.matterId(), d.documentId(), d.version(), d.mediaType(), p.page())
                                : list);
            }
        }
        model.addAttribute("documentLinks", documents);
        model.addAttribute("passageLinks", passages);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
