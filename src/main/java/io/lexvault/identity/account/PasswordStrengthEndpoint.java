package io.lexvault.identity.account;

import io.lexvault.identity.Accounts;
import io.lexvault.identity.PasswordPolicy;
import io.lexvault.identity.PasswordStrength;
import io.lexvault.identity.SignedInUser;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.PublicEndpoint;
import io.lexvault.web.SignedInEndpoint;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The strength meter's reading while the user types a new password (scripts/password-strength.js).
 * POST with the CSRF token, so the candidate never appears in a URL or an access log; nothing is
 * stored or logged.
 */
@RestController
class PasswordStrengthEndpoint {

    private final PasswordPolicy policy;
    private final Accounts accounts;
    private final Tenants tenants;

    PasswordStrengthEndpoint(PasswordPolicy policy, Accounts accounts, Tenants tenants) {
        this.policy = policy;
        this.accounts = accounts;
        this.tenants = tenants;
    }

    @PostMapping("/account/password-strength")
    @SignedInEndpoint("rates a candidate password for the signed-in user's own account")
    PasswordStrength rate(@AuthenticationPrincipal SignedInUser user, @RequestParam("password") String password) {
        String email = accounts.find(user.userId()).orElseThrow().email();
        return policy.evaluate(password, email, tenants.current().name());
    }

    /**
     * The same reading for forms filled in while signed out (sign-up, invitation, reset), from what
     * the visitor typed on that form. It looks nothing up, so it tells nothing about any account.
     */
    @PostMapping("/password-strength")
    @PublicEndpoint("rates a candidate password against what the visitor typed; reads no stored data")
    PasswordStrength rateForVisitor(
            @RequestParam("password") String password,
            @RequestParam(name = "email", defaultValue = "") String email,
            @RequestParam(name = "firm", defaultValue = "") String firm) {
        return policy.evaluate(password, email.strip(), firm.strip());
    }
}
