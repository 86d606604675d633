package io.lexvault.identity.mfa;

import io.lexvault.identity.Accounts;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.signin.SignInSteps;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.SignedInEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The user's own second factors: set up an authenticator app, backup codes, turn it off. */
@Controller
class TwoFactorPage {

    /** Session attribute: the sealed secret of an app being set up (encrypted, never in clear). */
    static final String PENDING = "lexvault.totp-pending";

    private final SecondFactors factors;
    private final SignInSteps steps;
    private final Accounts accounts;
    private final Tenants tenants;
    private final Passkeys passkeys;

    TwoFactorPage(SecondFactors factors, SignInSteps steps, Accounts accounts, Tenants tenants, Passkeys passkeys) {
        this.factors = factors;
        this.steps = steps;
        this.accounts = accounts;
        this.tenants = tenants;
        this.passkeys = passkeys;
    }

    @PostMapping(SignInSteps.ENROLMENT_PAGE + "/passkeys/remove")
    @SignedInEndpoint("removes one of the signed-in user's own passkeys")
    String removePasskey(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam String credentialId,
            RedirectAttributes redirect) {
        if (factors.requiredByFirm()
                && !factors.hasAuthenticatorApp(user.userId())
                && passkeys.of(user.userId()).size() == 1) {
            redirect.addFlashAttribute(
                    "problem",
                    "Your firm requires two-factor authentication: keep this passkey or set up an app first.");
            return "redirect:" + SignInSteps.ENROLMENT_PAGE;
        }
        boolean removed = passkeys.remove(user.userId(), credentialId);
        redirect.addFlashAttribute("notice", removed ? "The passkey is removed." : "That passkey was already gone.");
        return "redirect:" + SignInSteps.ENROLMENT_PAGE;
    }

    @GetMapping(SignInSteps.ENROLMENT_PAGE)
    @SignedInEndpoint("shows only the signed-in user's own second factors")
    String show(@AuthenticationPrincipal SignedInUser user, HttpServletRequest request, Model model) {
        var session = request.getSession();
        if (factors.isEnrolled(user.userId())) {
            // A passkey added through Spring Security's endpoint also satisfies the firm's policy.
            steps.enrolmentDone(request);
        }
        model.addAttribute("account", accounts.find(user.userId()).orElseThrow());
        model.addAttribute("firm", tenants.current());
        model.addAttribute("enrolled", factors.isEnrolled(user.userId()));
        model.addAttribute("hasApp", factors.hasAuthenticatorApp(user.userId()));
        model.addAttribute("passkeys", passkeys.of(user.userId()));
        model.addAttribute("unusedBackupCodes", factors.unusedBackupCodes(user.userId()));
        model.addAttribute("requiredByFirm", factors.requiredByFirm());
        if (session.getAttribute(PENDING) instanceof byte[] sealed) {
            model.addAttribute("pending", factors.pendingTotp(user.userId(), sealed));
        }
        return "identity/two-factor";
    }

    @PostMapping(SignInSteps.ENROLMENT_PAGE + "/totp/begin")
    @SignedInEndpoint("starts setting up an authenticator app for the signed-in user")
    String begin(@AuthenticationPrincipal SignedInUser user, HttpSession session) {
        session.setAttribute(PENDING, factors.beginTotp(user.userId()).sealedSecret());
        return "redirect:" + SignInSteps.ENROLMENT_PAGE;
    }

    @PostMapping(SignInSteps.ENROLMENT_PAGE + "/totp/confirm")
    @SignedInEndpoint("puts the signed-in user's authenticator app in force after a code from it")
    String confirm(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam String code,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        var session = request.getSession();
        if (!(session.getAttribute(PENDING) instanceof byte[] sealed)) {
            return "redirect:" + SignInSteps.ENROLMENT_PAGE;
        }
        try {
            var codes = factors.confirmTotp(user.userId(), sealed, code);
            session.removeAttribute(PENDING);
            steps.enrolmentDone(request);
            // More is now needed to sign in as this user: a new session id for the stronger session.
            request.changeSessionId();
            redirect.addFlashAttribute("notice", "Your authenticator app is set up.");
            if (!codes.isEmpty()) {
                redirect.addFlashAttribute("backupCodes", codes);
            }
        } catch (InvalidSecondFactorException e) {
            redirect.addFlashAttribute(
                    "problem", "That code did not match. Check the app's clock and try the next code.");
        }
        return "redirect:" + SignInSteps.ENROLMENT_PAGE;
    }

    @PostMapping(SignInSteps.ENROLMENT_PAGE + "/backup-codes")
    @SignedInEndpoint("replaces the signed-in user's own backup codes")
    String regenerate(@AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
        if (!factors.hasAuthenticatorApp(user.userId())) {
            return "redirect:" + SignInSteps.ENROLMENT_PAGE;
        }
        redirect.addFlashAttribute("backupCodes", factors.regenerateBackupCodes(user.userId()));
        redirect.addFlashAttribute("notice", "New backup codes made; the old ones no longer work.");
        return "redirect:" + SignInSteps.ENROLMENT_PAGE;
    }

    @PostMapping(SignInSteps.ENROLMENT_PAGE + "/totp/remove")
    @SignedInEndpoint("turns off the signed-in user's own authenticator app, after a current code")
    String remove(@AuthenticationPrincipal SignedInUser user, @RequestParam String code, RedirectAttributes redirect) {
        if (factors.requiredByFirm()) {
            redirect.addFlashAttribute("problem", "Your firm requires two-factor authentication.");
            return "redirect:" + SignInSteps.ENROLMENT_PAGE;
        }
        try {
            factors.removeTotp(user.userId(), code);
            redirect.addFlashAttribute("notice", "Your authenticator app and backup codes are turned off.");
        } catch (InvalidSecondFactorException e) {
            redirect.addFlashAttribute("problem", "That code did not match.");
        }
        return "redirect:" + SignInSteps.ENROLMENT_PAGE;
    }
}
