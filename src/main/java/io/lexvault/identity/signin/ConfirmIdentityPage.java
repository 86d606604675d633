package io.lexvault.identity.signin;

import io.lexvault.identity.Accounts;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.mfa.SecondFactors;
import io.lexvault.web.SignedInEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Confirm it is you" before adding or removing a way to sign in, or making an API key, when the
 * last proof is more than a few minutes old: the password, or a code from the authenticator app.
 */
@Controller
class ConfirmIdentityPage {

    private final Accounts accounts;
    private final SecondFactors factors;
    private final SignInSteps steps;
    private final SignInSessions sessions;

    ConfirmIdentityPage(Accounts accounts, SecondFactors factors, SignInSteps steps, SignInSessions sessions) {
        this.accounts = accounts;
        this.factors = factors;
        this.steps = steps;
        this.sessions = sessions;
    }

    @GetMapping(SignInSteps.CONFIRM_PAGE)
    @SignedInEndpoint("asks the signed-in user to prove again who they are")
    String show() {
        return "identity/confirm";
    }

    @PostMapping(SignInSteps.CONFIRM_PAGE)
    @SignedInEndpoint("checks the signed-in user's own password or authenticator code")
    String confirm(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam String secret,
            @RequestParam(defaultValue = "") String next,
            HttpServletRequest request) {
        boolean looksLikeCode = secret.strip().matches("\\d{6}") && factors.hasAuthenticatorApp(user.userId());
        var verdict =
                looksLikeCode ? factors.check(user.userId(), secret) : accounts.confirmPassword(user.userId(), secret);
        return switch (verdict) {
            case ACCEPTED -> {
                steps.markAuthenticated(request);
                // Back only to a page of LexVault's own account area, never to an address from outside.
                yield "redirect:"
                        + (next.matches("/(account|admin)(/[a-z0-9-]+)*") ? next : SignInSteps.ENROLMENT_PAGE);
            }
            case REFUSED -> "redirect:" + SignInSteps.CONFIRM_PAGE + "?error";
            case LOCKED -> {
                // Guessing here from a borrowed session ends it, and every other one of the user.
                sessions.endAllExcept(user.userId(), null);
                yield "redirect:/login?error";
            }
        };
    }
}
