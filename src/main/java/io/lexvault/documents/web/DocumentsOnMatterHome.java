package io.lexvault.documents.web;

import io.lexvault.documents.Documents;
import io.lexvault.identity.Accounts;
import io.lexvault.matters.Matter;
import io.lexvault.matters.MatterOverviewPanel;
import io.lexvault.web.CallerPermissions;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The documents panel of a matter's home page: the latest changed documents and, for those who upload,
 * the upload area (files dropped anywhere on the matter's page go up through {@code /js/documents.js}).
 */
@Component
class DocumentsOnMatterHome implements MatterOverviewPanel {

    static final int SHOWN = 8;

    private final Documents documents;
    private final Accounts accounts;

    DocumentsOnMatterHome(Documents documents, Accounts accounts) {
        this.documents = documents;
        this.accounts = accounts;
    }

    @Override
    public @Nullable Panel panel(Matter matter) {
        if (!CallerPermissions.holds("documents.read")) {
            return null;
        }
        var page = documents.list(matter.id(), 0, SHOWN, "updated");
        var rows = new DocumentRows(accounts)
                .of(page.items().stream().map(d -> documents.details(d.id())).toList());
        return new Panel(
                10,
                "documents/matter-panel",
                Map.of(
                        "matter", matter,
                        "rows", rows,
                        "total", page.total(),
                        "maxSize", documents.maxSize(),
                        "mayUpload", CallerPermissions.holds("documents.upload"),
                        "mayDownload", CallerPermissions.holds("documents.download")));
    }
}
