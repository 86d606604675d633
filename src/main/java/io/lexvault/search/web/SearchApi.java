package io.lexvault.search.web;

import io.lexvault.search.DocumentSearch;
import io.lexvault.search.SearchResults;
import io.lexvault.web.RequiresPermission;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/search}: the documents the caller may see that match, grouped by document with
 * their passages (docs/api.md). A matter filter naming a matter the caller may not see is 404.
 */
@RestController
class SearchApi {

    private final DocumentSearch search;

    SearchApi(DocumentSearch search) {
        this.search = search;
    }

    @GetMapping("/api/v1/search")
    @RequiresPermission("search.use")
    SearchResults search(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String matter,
            @RequestParam(required = false) @Nullable String client,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String classification,
            @RequestParam(defaultValue = "0") int page) {
        return search.search(SearchParameters.read(q, matter, client, type, from, to, classification, page));
    }
}
