package io.lexvault.assistant.pseudonyms;

import io.lexvault.access.MatterDirectory;
import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.RequestAudit;
import io.lexvault.identity.SignedInUser;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.Tenants;
import io.lexvault.text.HumanText;
import io.lexvault.text.InvalidTextException;
import io.lexvault.web.RequiresPermission;
import java.util.ArrayList;
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
 * {@code /admin/assistant/preview}: for an administrator ({@code assistant.configure}), exactly the
 * question text an external model would receive for a matter after pseudonymisation, the matter's
 * known names and the placeholder table. A matter the administrator may not see (walls included) is
 * 404 like every matter page; each preview is audited with the matter and counts, never the question.
 */
@Controller
class PseudonymisationPreviewPage {

    /** The assistant's limit on a question (issue 16). */
    static final int MAX_QUESTION = 8000;

    /** A known name as the page lists it, with its placeholder when the question used it. */
    record NameRow(String kind, String name, @Nullable String placeholder) {}

    /** A placeholder and what it stands for. */
    record Replacement(String placeholder, String original) {}

    private final Matters matters;
    private final MatterDirectory directory;
    private final MatterNames names;
    private final Pseudonymiser pseudonymiser;
    private final RequestAudit audit;
    private final Tenants tenants;

    PseudonymisationPreviewPage(
            Matters matters,
            MatterDirectory directory,
            MatterNames names,
            Pseudonymiser pseudonymiser,
            RequestAudit audit,
            Tenants tenants) {
        this.matters = matters;
        this.directory = directory;
        this.names = names;
        this.pseudonymiser = pseudonymiser;
        this.audit = audit;
        this.tenants = tenants;
    }

    @GetMapping("/admin/assistant/preview")
    @RequiresPermission("assistant.configure")
    String preview(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam(required = false) @Nullable String matter,
            @RequestParam(required = false) @Nullable String question,
            Model model) {
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("question", question == null ? "" : question);
        model.addAttribute("matters", directory.visibleMatters());
        if (matter == null || matter.isBlank()) {
            return "assistant/preview";
        }
        var id = new MatterId(parsed(matter));
        // 404 (the error page) for a matter the administrator may not see; the refused look is recorded.
        var visible = matters.requested(id);
        var known = names.of(id);
        model.addAttribute("matterId", visible.id().value());
        model.addAttribute("matterLabel", visible.number() + " " + visible.title());
        var session = pseudonymiser.session(known);
        String checked = null;
        try {
            checked = HumanText.optionalLines("The question", question, MAX_QUESTION);
        } catch (InvalidTextException e) {
            model.addAttribute("problem", e.getMessage());
        }
        if (checked != null) {
            var result = session.pseudonymise(checked);
            model.addAttribute("sent", result.text());
            var replacements = new ArrayList<Replacement>();
            result.originals().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> replacements.add(new Replacement(e.getKey(), e.getValue())));
            model.addAttribute("replacements", replacements);
        }
        model.addAttribute("names", rows(known, session.originals()));
        audit.succeeded(
                AuditAction.ASSISTANT_PREVIEWED,
                "matter",
                visible.id().value(),
                visible.id().value(),
                visible.client().value(),
                Map.of(
                        "question_chars", String.valueOf(checked == null ? 0 : checked.length()),
                        "replaced", String.valueOf(session.originals().size()),
                        "known_names", String.valueOf(known.size())));
        return "assistant/preview";
    }

    private static List<NameRow> rows(List<KnownName> known, Map<String, String> originals) {
        return known.stream()
                .map(n -> new NameRow(
                        n.kind(),
                        n.name(),
                        originals.entrySet().stream()
                                .filter(e ->
                                        e.getValue().equals(n.name().strip().replaceAll("\\s+", " ")))
                                .map(Map.Entry::getKey)
                                .findFirst()
                                .orElse(null)))
                .toList();
    }

    private static UUID parsed(String matter) {
        try {
            return UUID.fromString(matter.strip());
        } catch (IllegalArgumentException e) {
            throw new MatterNotVisibleException();
        }
    }
}
