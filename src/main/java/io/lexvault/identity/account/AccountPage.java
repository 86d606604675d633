package io.lexvault.identity.account;

import io.lexvault.identity.Accounts;
import io.lexvault.identity.PasswordRejectedException;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.internal.AccountTimeZones;
import io.lexvault.identity.internal.NewPasswordForm;
import io.lexvault.identity.mfa.SecondFactors;
import io.lexvault.identity.onboarding.Invitations;
import io.lexvault.identity.signin.SignInSessions;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.SignedInEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The user's own account: who they are, where they are signed in, their password. */
@Controller
class AccountPage {

    private final Accounts accounts;
    private final SignInSessions sessions;
    private final Tenants tenants;
    private final EmailVerification verification;
    private final SecondFactors secondFactors;
    private final AccountTimeZones timeZones;

    AccountPage(
            Accounts accounts,
            SignInSessions sessions,
            Tenants tenants,
            EmailVerification verification,
            SecondFactors secondFactors,
            AccountTimeZones timeZones) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.tenants = tenants;
        this.verification = verification;
        this.secondFactors = secondFactors;
        this.timeZones = timeZones;
    }

    @PostMapping("/account/time-zone")
    @SignedInEndpoint("changes the signed-in user's own time zone for reading times")
    String chooseTimeZone(
            @AuthenticationPrincipal SignedInUser user, @RequestParam String zone, RedirectAttributes redirect) {
        var chosen = AccountTimeZones.parse(zone);
        if (chosen.isEmpty()) {
            redirect.addFlashAttribute("notice", "That is not a time zone LexVault knows; nothing changed.");
            return "redirect:/account#time-zone";
        }
        timeZones.choose(user.userId(), chosen.get());
        redirect.addFlashAttribute(
                "notice", "Times are now shown in " + chosen.get().getId() + ".");
        return "redirect:/account#time-zone";
    }

    @PostMapping("/account/email/send-code")
    @SignedInEndpoint("sends a verification code to the signed-in user's own address")
    String sendCode(@AuthenticationPrincipal SignedInUser user, RedirectAttributes redirect) {
        boolean sent = verification.sendCode(user.userId());
        redirect.addFlashAttribute(
                "notice",
                sent
                        ? "We sent a 6-digit code to your address. It is valid for 30 minutes."
                        : "You have asked for several codes already; try again in an hour.");
        return "redirect:/account#email";
    }

    @PostMapping("/account/email/verify")
    @SignedInEndpoint("confirms the signed-in user's own address with the code sent to it")
    String verify(@AuthenticationPrincipal SignedInUser user, @RequestParam String code, RedirectAttributes redirect) {
        String message = switch (verification.verify(user.userId(), code)) {
            case VERIFIED -> "Your e-mail address is confirmed.";
            case WRONG_CODE -> "That code is not correct.";
            case NEW_CODE_NEEDED -> "That code has expired or was tried too often. Ask for a new one.";
        };
        redirect.addFlashAttribute("notice", message);
        return "redirect:/account#email";
    }

    @GetMapping("/account")
    @SignedInEndpoint("shows only the signed-in user's own account and sessions")
    String show(@AuthenticationPrincipal SignedInUser user, HttpServletRequest request, Model model) {
        var account = accounts.find(user.userId()).orElseThrow();
        model.addAttribute("account", account);
        model.addAttribute("firm", tenants.current());
        model.addAttribute(
                "sessions", sessions.list(user.userId(), request.getSession().getId()));
        model.addAttribute("mayInvite", CallerPermissions.holds(Invitations.INVITE_PERMISSION));
        model.addAttribute("mayReadAudit", CallerPermissions.holds("audit.read"));
        model.addAttribute("mayReadRoles", CallerPermissions.holds("roles.read"));
        model.addAttribute("mayReadMatters", CallerPermissions.holds("matters.read"));
        model.addAttribute("mayReadWalls", CallerPermissions.holds("walls.read"));
        model.addAttribute("twoFactorOn", secondFactors.isEnrolled(user.userId()));
        model.addAttribute("authenticatorApp", secondFactors.hasAuthenticatorApp(user.userId()));
        model.addAttribute("unusedBackupCodes", secondFactors.unusedBackupCodes(user.userId()));
        model.addAttribute("twoFactorRequired", secondFactors.requiredByFirm());
        var zone = timeZones.chosen(user.userId());
        model.addAttribute("timeZone", zone.map(java.time.ZoneId::getId).orElse(null));
        model.addAttribute("timeZones", AccountTimeZones.choices());
        NewPasswordForm.describePolicy(model);
        return "identity/account";
    }

    @PostMapping("/account/sessions/end")
    @SignedInEndpoint("ends one of the signed-in user's own sessions")
    String endSession(
            @AuthenticationPrincipal SignedInUser user, @RequestParam String handle, RedirectAttributes redirect) {
        boolean ended = sessions.end(user.userId(), handle);
        redirect.addFlashAttribute("notice", ended ? "That session is signed out." : "That session had already ended.");
        return "redirect:/account";
    }

    @PostMapping("/account/sessions/end-others")
    @SignedInEndpoint("ends the signed-in user's own other sessions")
    String endOtherSessions(
            @AuthenticationPrincipal SignedInUser user, HttpServletRequest request, RedirectAttributes redirect) {
        int ended = sessions.endAllExcept(user.userId(), request.getSession().getId());
        redirect.addFlashAttribute(
                "notice", ended == 1 ? "1 other session signed out." : ended + " other sessions signed out.");
        return "redirect:/account";
    }

    @PostMapping("/account/password")
    @SignedInEndpoint("changes the signed-in user's own password, after checking the current one")
    String changePassword(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam("current") String current,
            @RequestParam("password") String password,
            @RequestParam("confirmation") String confirmation,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        if (NewPasswordForm.confirmationDiffers(password, confirmation, redirect, "passwordProblems")) {
            return "redirect:/account#password";
        }
        try {
            accounts.changePassword(
                    user.userId(), current, password, request.getSession().getId());
        } catch (BadCredentialsException e) {
            redirect.addFlashAttribute("passwordProblems", List.of("The current password is not correct."));
            return "redirect:/account#password";
        } catch (PasswordRejectedException e) {
            redirect.addFlashAttribute("passwordProblems", e.problems());
            return "redirect:/account#password";
        }
        // A new session id after a change of credentials (an old id someone copied is worthless now).
        request.changeSessionId();
        redirect.addFlashAttribute("notice", "Password changed. Every other session has been signed out.");
        return "redirect:/account";
    }
}
