package io.lexvault.assistant.providers;

import io.lexvault.identity.Accounts;
import io.lexvault.identity.SignedInUser;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.RequiresPermission;
import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/assistant} ({@code assistant.configure}): the firm's provider, address, region, models,
 * API key (write-only: the page only says whether one is set), budgets and on/off switch; the clients'
 * rules and the users the assistant is switched off for; and a connection test.
 */
@Controller
class AssistantSettingsPage {

    private static final String PAGE = "redirect:/admin/assistant";

    private final ProviderSettings settings;
    private final Matters matters;
    private final Accounts accounts;
    private final Tenants tenants;

    AssistantSettingsPage(ProviderSettings settings, Matters matters, Accounts accounts, Tenants tenants) {
        this.settings = settings;
        this.matters = matters;
        this.accounts = accounts;
        this.tenants = tenants;
    }

    @GetMapping("/admin/assistant")
    @RequiresPermission("assistant.configure")
    String show(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        var current = settings.current();
        model.addAttribute("settings", current);
        model.addAttribute("modelsText", String.join("\n", current.models()));
        model.addAttribute("providers", ProviderKind.values());
        model.addAttribute("regions", ProviderRegion.values());
        model.addAttribute("clientRules", ClientRule.values());
        model.addAttribute("clients", matters.visibleClients());
        model.addAttribute("rules", settings.clientRules());
        model.addAttribute("people", accounts.all());
        model.addAttribute("switchedOff", settings.usersSwitchedOff());
        return "assistant/admin-assistant";
    }

    @PostMapping("/admin/assistant")
    @RequiresPermission("assistant.configure")
    String save(
            @RequestParam(defaultValue = "false") boolean enabled,
            @RequestParam String provider,
            @RequestParam(defaultValue = "") String baseUrl,
            @RequestParam String region,
            @RequestParam(defaultValue = "") String models,
            @RequestParam(defaultValue = "") String defaultModel,
            @RequestParam(defaultValue = "") String apiKey,
            @RequestParam(defaultValue = "false") boolean removeApiKey,
            @RequestParam(defaultValue = "") String firmMonthlyTokens,
            @RequestParam(defaultValue = "") String userMonthlyTokens,
            RedirectAttributes redirect) {
        try {
            settings.change(new SettingsChange(
                    enabled,
                    ProviderKind.ofKey(provider),
                    baseUrl,
                    ProviderRegion.ofKey(region),
                    Arrays.stream(models.split("[,\\r\\n]+")).toList(),
                    defaultModel,
                    apiKey,
                    removeApiKey,
                    tokens("firm", firmMonthlyTokens),
                    tokens("user", userMonthlyTokens)));
            redirect.addFlashAttribute("notice", "The assistant settings were saved.");
        } catch (AssistantSettingsRefusedException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return PAGE;
    }

    @PostMapping("/admin/assistant/test")
    @RequiresPermission("assistant.configure")
    String test(RedirectAttributes redirect) {
        var result = settings.testConnection();
        redirect.addFlashAttribute(result.ok() ? "notice" : "problem", result.message());
        return PAGE;
    }

    @PostMapping("/admin/assistant/clients")
    @RequiresPermission("assistant.configure")
    String clientRule(
            @RequestParam UUID client, @RequestParam(defaultValue = "") String rule, RedirectAttributes redirect) {
        ClientRule chosen = rule.isEmpty() ? null : ClientRule.ofKey(rule);
        redirect.addFlashAttribute(
                "notice",
                settings.setClientRule(client, chosen)
                        ? "The client's rule was saved."
                        : "There is no such client in your firm.");
        return PAGE;
    }

    @PostMapping("/admin/assistant/users")
    @RequiresPermission("assistant.configure")
    String switchUser(@RequestParam UUID id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        redirect.addFlashAttribute(
                "notice",
                settings.switchUser(id, enabled)
                        ? (enabled
                                ? "The assistant is switched on for the person."
                                : "The assistant is switched off for the person.")
                        : "There is no such person in your firm.");
        return PAGE;
    }

    private static @Nullable Long tokens(String whose, String value) {
        String given = value.strip().replace(",", "").replace("_", "").replace(" ", "");
        if (given.isEmpty()) {
            return null;
        }
        if (!given.matches("[0-9]{1,13}")) {
            throw new AssistantSettingsRefusedException(
                    "The " + whose + " budget is a number of tokens, or empty for no limit.");
        }
        return Long.parseLong(given);
    }
}
