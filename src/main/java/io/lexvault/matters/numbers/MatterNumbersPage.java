package io.lexvault.matters.numbers;

import io.lexvault.identity.SignedInUser;
import io.lexvault.matters.MatterRefusedException;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.RequiresPermission;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The firm's matter number format ({@code /admin/matter-numbers}): seen with firm.settings.read, changed with .manage. */
@Controller
class MatterNumbersPage {

    private final MatterNumbers numbers;
    private final Tenants tenants;

    MatterNumbersPage(MatterNumbers numbers, Tenants tenants) {
        this.numbers = numbers;
        this.tenants = tenants;
    }

    @GetMapping("/admin/matter-numbers")
    @RequiresPermission("firm.settings.read")
    String show(@AuthenticationPrincipal SignedInUser user, Model model) {
        var settings = numbers.settings();
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        if (!model.containsAttribute("format")) {
            model.addAttribute("format", settings.format().pattern());
        }
        model.addAttribute("enforced", settings.enforced());
        model.addAttribute("suggestion", numbers.suggestion());
        model.addAttribute("mayManage", CallerPermissions.holds("firm.settings.manage"));
        return "matters/matter-numbers";
    }

    @PostMapping("/admin/matter-numbers")
    @RequiresPermission("firm.settings.manage")
    String change(
            @RequestParam(defaultValue = "") String format,
            @RequestParam(defaultValue = "false") boolean enforced,
            RedirectAttributes redirect) {
        try {
            numbers.change(format, enforced);
            redirect.addFlashAttribute("notice", "The format was saved.");
        } catch (MatterRefusedException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            // What was typed comes back in the field, so nothing is lost.
            redirect.addFlashAttribute("format", format);
        }
        return "redirect:/admin/matter-numbers";
    }
}
