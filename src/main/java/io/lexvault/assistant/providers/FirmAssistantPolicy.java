package io.lexvault.assistant.providers;

import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.TenantContext;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The firm's, the client's and the user's settings together: the strictest applies. Switched off
 * anywhere means no assistant at all (the firm's switch named first, then the client's, then the
 * user's); a client allowing only local or EU processing turns a provider elsewhere into the offline
 * answerer. The rule says in words which setting decided, for the page.
 */
@Service
class FirmAssistantPolicy implements AssistantPolicy {

    private final ProviderSettings settings;
    private final Matters matters;

    FirmAssistantPolicy(ProviderSettings settings, Matters matters) {
        this.settings = settings;
        this.matters = matters;
    }

    @Override
    @Transactional(readOnly = true)
    public PolicyDecision decide(UUID matterId) {
        var firm = settings.current();
        if (!firm.enabled()) {
            return new PolicyDecision(false, null, "The assistant is switched off for the whole firm.");
        }
        var matter = matters.find(new MatterId(matterId)).orElse(null);
        if (matter == null) {
            return new PolicyDecision(false, null, "The matter is not visible to you.");
        }
        var clientRule = settings.clientRule(matter.client().value()).orElse(null);
        if (clientRule == ClientRule.OFF) {
            return new PolicyDecision(
                    false, null, "The client's outside-counsel guidelines switch the assistant off for its matters.");
        }
        var user =
                TenantContext.current().map(TenantContext.Binding::actingUser).orElse(null);
        if (user != null && !settings.userEnabled(user)) {
            return new PolicyDecision(false, null, "The assistant is switched off for your account.");
        }
        if (firm.provider() == ProviderKind.OFFLINE) {
            return new PolicyDecision(
                    true, null, "The firm uses the offline answerer: extracts only, nothing leaves the server.");
        }
        var model = settings.model();
        if (model == null) {
            return new PolicyDecision(
                    true, null, "No model is configured for the firm's provider, so the offline answerer is used.");
        }
        String where = firm.provider().label() + " (region " + firm.region().key() + ")";
        if (clientRule == ClientRule.LOCAL_ONLY && firm.region() != ProviderRegion.LOCAL) {
            return new PolicyDecision(
                    true,
                    null,
                    "The client's guidelines allow only local or offline answering, so the offline answerer is used"
                            + " instead of " + where + ".");
        }
        if (clientRule == ClientRule.EU_ONLY
                && firm.region() != ProviderRegion.EU
                && firm.region() != ProviderRegion.LOCAL) {
            return new PolicyDecision(
                    true,
                    null,
                    "The client's guidelines allow only EU-region providers, so the offline answerer is used instead of "
                            + where + ".");
        }
        return new PolicyDecision(
                true,
                model,
                "The firm's provider answers: " + where + ", model " + model.model()
                        + (clientRule == null ? "." : "; the client's rule (" + clientRule.label() + ") allows it."));
    }
}
