package io.lexvault.identity.signin;

import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.onboarding.Signups;
import io.lexvault.web.PublicEndpoint;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form; the POST goes to Spring Security's form login (see PasswordSignInSecurity). */
@Controller
class SignInPage {

    private final Signups signups;

    SignInPage(Signups signups) {
        this.signups = signups;
    }

    @GetMapping("/login")
    @PublicEndpoint("signing in must be possible while signed out")
    String signIn(org.springframework.ui.Model model) {
        model.addAttribute("signupEnabled", signups.enabled());
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current != null && current.isAuthenticated() && current.getPrincipal() instanceof SignedInUser) {
            return "redirect:/";
        }
        return "identity/login";
    }
}
