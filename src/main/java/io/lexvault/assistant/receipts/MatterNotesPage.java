package io.lexvault.assistant.receipts;

import io.lexvault.identity.SignedInUser;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.RequiresPermission;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * {@code /matters/{id}/notes}: the answers saved on a matter, each with a link to its receipt. A saved
 * answer quotes the matter's documents, so reading it takes {@code documents.read}; the answer is shown
 * as plain text, escaped. A matter the caller may not see is the error page's 404.
 */
@Controller
class MatterNotesPage {

    private final EncryptedMatterNotes notes;
    private final Matters matters;
    private final Tenants tenants;

    MatterNotesPage(EncryptedMatterNotes notes, Matters matters, Tenants tenants) {
        this.notes = notes;
        this.matters = matters;
        this.tenants = tenants;
    }

    @GetMapping("/matters/{id}/notes")
    @RequiresPermission("documents.read")
    String notes(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        var matter = matters.requested(new MatterId(id));
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("matter", matter);
        model.addAttribute("notes", notes.ofMatter(matter.id().value()));
        model.addAttribute("mayFetchReceipts", CallerPermissions.holds("assistant.use"));
        return "assistant/notes";
    }
}
