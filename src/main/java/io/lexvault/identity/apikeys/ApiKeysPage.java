package io.lexvault.identity.apikeys;

import io.lexvault.identity.AccessGrants;
import io.lexvault.identity.ApiKeys;
import io.lexvault.identity.SignedInUser;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.SignedInEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The user's own API keys: make one (shown once), see them, revoke them. */
@Controller
class ApiKeysPage {

    static final List<Integer> LIFETIMES_IN_DAYS = List.of(7, 30, 90, 365);

    private final ApiKeys keys;
    private final AccessGrants grants;
    private final Tenants tenants;

    ApiKeysPage(ApiKeys keys, AccessGrants grants, Tenants tenants) {
        this.keys = keys;
        this.grants = grants;
        this.tenants = tenants;
    }

    @GetMapping("/account/api-keys")
    @SignedInEndpoint("lists only the signed-in user's own keys; making one needs api_keys.create")
    String show(@AuthenticationPrincipal SignedInUser user, Model model) {
        var held = grants.of(user.tenantId(), user.userId()).permissions();
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("keys", keys.ownedBy(user.userId()));
        model.addAttribute("mayCreate", held.contains(ApiKeys.CREATE_PERMISSION));
        model.addAttribute("scopes", held.stream().sorted().toList());
        model.addAttribute("lifetimes", LIFETIMES_IN_DAYS);
        return "identity/api-keys";
    }

    @PostMapping("/account/api-keys")
    @SignedInEndpoint("makes a key for the signed-in user, limited to permissions they hold")
    String create(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam String name,
            @RequestParam(name = "scope", required = false) List<String> scopes,
            @RequestParam(defaultValue = "90") int days,
            RedirectAttributes redirect) {
        if (!LIFETIMES_IN_DAYS.contains(days)) {
            redirect.addFlashAttribute("problem", "Choose one of the offered lifetimes.");
            return "redirect:/account/api-keys";
        }
        try {
            var created = keys.create(user.userId(), name, scopes == null ? List.of() : scopes, Duration.ofDays(days));
            // Shown once, on the next page only; never stored in clear.
            redirect.addFlashAttribute("createdKey", created.secret());
            redirect.addFlashAttribute("createdName", created.key().name());
        } catch (IllegalArgumentException | AccessDeniedException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/account/api-keys";
    }

    @PostMapping("/account/api-keys/revoke")
    @SignedInEndpoint("revokes one of the signed-in user's own keys")
    String revoke(@AuthenticationPrincipal SignedInUser user, @RequestParam UUID id, RedirectAttributes redirect) {
        boolean revoked = keys.revoke(user.userId(), id);
        redirect.addFlashAttribute("notice", revoked ? "The key is revoked." : "That key was already revoked.");
        return "redirect:/account/api-keys";
    }
}
