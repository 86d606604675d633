package io.lexvault.assistant.web;

import io.lexvault.access.MatterDirectory;
import io.lexvault.access.MatterListing;
import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.assistant.AssistantQuestions;
import io.lexvault.assistant.AssistantRefusedException;
import io.lexvault.assistant.receipts.MatterNotes;
import io.lexvault.identity.SignedInUser;
import io.lexvault.search.MatterPassage;
import io.lexvault.tenancy.Tenants;
import io.lexvault.text.HumanText;
import io.lexvault.text.InvalidTextException;
import io.lexvault.web.RequiresPermission;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A matter's "Ask" page ({@code /matters/{id}/assistant}): the question form, posted to the page itself
 * and answered on the page without script (the server renders the answer), or streamed by
 * {@code /js/assistant.js} from the API; citations open the passage view, which highlights the quoted
 * words and opens the document (a PDF at its page); withheld passages with their reasons; the
 * disclaimer; "Save to matter" when matter notes are installed. The conversation is not kept: the
 * answer lives in the page (no session, no flash attribute) unless saved.
 */
@Controller
class AssistantPage {

    private final AssistantQuestions questions;
    private final MatterDirectory directory;
    private final Tenants tenants;
    private final ObjectProvider<MatterNotes> notes;

    AssistantPage(
            AssistantQuestions questions,
            MatterDirectory directory,
            Tenants tenants,
            ObjectProvider<MatterNotes> notes) {
        this.questions = questions;
        this.directory = directory;
        this.tenants = tenants;
        this.notes = notes;
    }

    @GetMapping("/matters/{id}/assistant")
    @RequiresPermission("assistant.use")
    String page(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        prepare(user, id, model);
        model.addAttribute("question", "");
        return "assistant/ask";
    }

    @PostMapping("/matters/{id}/assistant")
    @RequiresPermission("assistant.use")
    String ask(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String question,
            Model model) {
        prepare(user, id, model);
        model.addAttribute("question", question == null ? "" : question);
        try {
            model.addAttribute("answer", questions.ask(id, question == null ? "" : question, delta -> {}));
        } catch (AssistantRefusedException e) {
            // Our own sentences (the rule, the reason, the provider's state), never the question.
            model.addAttribute("problem", e.getMessage());
        }
        return "assistant/ask";
    }

    @GetMapping("/matters/{id}/assistant/passages/{chunkId}")
    @RequiresPermission("assistant.use")
    String passage(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @PathVariable UUID chunkId,
            Model model) {
        prepare(user, id, model);
        MatterPassage passage = questions.passage(id, chunkId).orElseThrow(MatterNotVisibleException::new);
        model.addAttribute("passage", passage);
        model.addAttribute("documentLink", AssistantQuestions.documentLink(passage));
        return "assistant/passage";
    }

    @PostMapping("/matters/{id}/assistant/notes")
    @RequiresPermission("assistant.use")
    String save(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String title,
            @RequestParam(required = false) @Nullable String markdown,
            @RequestParam(required = false) @Nullable UUID receiptId,
            RedirectAttributes redirect) {
        directory.visibleMatter(id).orElseThrow(MatterNotVisibleException::new);
        MatterNotes saver = notes.getIfAvailable();
        if (saver == null || receiptId == null) {
            throw new MatterNotVisibleException();
        }
        try {
            String name = HumanText.line("title", title == null || title.isBlank() ? "Assistant answer" : title, 200);
            String text = HumanText.lines("markdown", markdown, 100_000);
            saver.saveAnswer(id, name, text, receiptId);
            redirect.addFlashAttribute("notice", "The answer was saved to the matter's notes.");
        } catch (InvalidTextException e) {
            redirect.addFlashAttribute("notice", "The answer could not be saved: " + e.getMessage());
        }
        return "redirect:/matters/" + id + "/assistant";
    }

    private void prepare(SignedInUser user, UUID id, Model model) {
        MatterListing matter = directory.visibleListing(id).orElseThrow(MatterNotVisibleException::new);
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("matter", matter);
        model.addAttribute("maxQuestion", AssistantQuestions.MAX_QUESTION);
        model.addAttribute("maySave", notes.getIfAvailable() != null);
    }
}
