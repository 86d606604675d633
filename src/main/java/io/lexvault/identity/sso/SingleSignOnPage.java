package io.lexvault.identity.sso;

import io.lexvault.identity.SingleSignOn;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.PublicEndpoint;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "Sign in with your firm's single sign-on": from the firm's short address to its provider. */
@Controller
class SingleSignOnPage {

    private final Tenants tenants;
    private final SingleSignOn singleSignOn;

    SingleSignOnPage(Tenants tenants, SingleSignOn singleSignOn) {
        this.tenants = tenants;
        this.singleSignOn = singleSignOn;
    }

    @GetMapping("/sso")
    @PublicEndpoint("starts single sign-on for a signed-out visitor")
    String start(@RequestParam(defaultValue = "") String firm) {
        String slug = firm.strip().toLowerCase(Locale.ROOT);
        boolean available = !slug.isEmpty()
                && tenants.findIdBySlug(slug)
                        .map(tenant -> TenantContext.callAs(
                                tenant, null, () -> singleSignOn.current().isPresent()))
                        .orElse(false);
        // Unknown firm and firm without SSO get the same answer.
        return available ? "redirect:/oauth2/authorization/" + slug : "redirect:/login?sso-unavailable";
    }
}
