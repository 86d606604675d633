package io.lexvault.identity.apikeys;

import io.lexvault.identity.AccessGrants;
import io.lexvault.identity.ApiKeys;
import io.lexvault.identity.ScopeCatalogue;
import io.lexvault.identity.SignedInUser;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.SignedInEndpoint;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
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
    private final ScopeCatalogue catalogue;

    ApiKeysPage(ApiKeys keys, AccessGrants grants, Tenants tenants, ScopeCatalogue catalogue) {
        this.keys = keys;
        this.grants = grants;
        this.tenants = tenants;
        this.catalogue = catalogue;
    }

    /**
     * Ready-made choices of scopes, each only within what the person holds: reading only, working with
     * documents, or everything their roles allow. Chosen without script (a select) and added to any
     * boxes ticked.
     */
    enum Preset {
        READ_ONLY("read-only", "Read only: see and download, change nothing"),
        DOCUMENTS("documents", "Documents: read, search, upload and download in your matters"),
        FULL("full", "Everything your roles allow");

        private final String key;
        private final String label;

        Preset(String key, String label) {
            this.key = key;
            this.label = label;
        }

        public String key() {
            return key;
        }

        public String label() {
            return label;
        }

        Set<String> within(Set<String> held) {
            return held.stream().filter(this::includes).collect(Collectors.toCollection(TreeSet::new));
        }

        private boolean includes(String scope) {
            return switch (this) {
                case READ_ONLY ->
                    scope.endsWith(".read")
                            || scope.endsWith(".read.all")
                            || scope.equals("search.use")
                            || scope.equals("documents.download");
                case DOCUMENTS ->
                    scope.startsWith("documents.")
                                    && !scope.equals("documents.delete")
                                    && !scope.equals("documents.share")
                            || scope.equals("matters.read")
                            || scope.equals("search.use");
                case FULL -> true;
            };
        }

        static Optional<Preset> byKey(String key) {
            return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
        }
    }

    @GetMapping("/account/api-keys")
    @SignedInEndpoint("lists only the signed-in user's own keys; making one needs api_keys.create")
    String show(@AuthenticationPrincipal SignedInUser user, Model model) {
        var held = grants.of(user.tenantId(), user.userId()).permissions();
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("keys", keys.ownedBy(user.userId()));
        model.addAttribute("mayCreate", held.contains(ApiKeys.CREATE_PERMISSION));
        model.addAttribute("scopeGroups", catalogue.describe(held));
        model.addAttribute("presets", Preset.values());
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
            @RequestParam(defaultValue = "") String preset,
            RedirectAttributes redirect) {
        if (!LIFETIMES_IN_DAYS.contains(days)) {
            redirect.addFlashAttribute("problem", "Choose one of the offered lifetimes.");
            return "redirect:/account/api-keys";
        }
        var chosen = new TreeSet<String>(scopes == null ? List.of() : scopes);
        if (!preset.isEmpty()) {
            // Within what the person holds and the catalogue offers (no scope of a feature to come).
            var held = catalogue
                    .describe(grants.of(user.tenantId(), user.userId()).permissions())
                    .stream()
                    .flatMap(group -> group.scopes().stream())
                    .map(ScopeCatalogue.Scope::key)
                    .collect(Collectors.toSet());
            var known = Preset.byKey(preset);
            if (known.isEmpty()) {
                redirect.addFlashAttribute("problem", "Choose one of the offered sets of permissions.");
                return "redirect:/account/api-keys";
            }
            chosen.addAll(known.get().within(held));
        }
        try {
            var created = keys.create(user.userId(), name, List.copyOf(chosen), Duration.ofDays(days));
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
