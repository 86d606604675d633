package io.lexvault.search.web;

import io.lexvault.access.MatterDirectory;
import io.lexvault.identity.SignedInUser;
import io.lexvault.search.DocumentSearch;
import io.lexvault.search.SearchRefusedException;
import io.lexvault.search.SearchResults;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.RequiresPermission;
import java.util.List;
import java.util.Map;
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

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
