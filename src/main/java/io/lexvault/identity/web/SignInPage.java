package io.lexvault.identity.web;

import io.lexvault.web.PublicEndpoint;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form; the POST goes to Spring Security's form login (see IdentityConfiguration). */
@Controller
class SignInPage {

    @GetMapping("/login")
    @PublicEndpoint("signing in must be possible while signed out")
    String signIn() {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current != null
                && current.isAuthenticated()
                && current.getPrincipal() instanceof io.lexvault.identity.SignedInUser) {
            return "redirect:/";
        }
        return "identity/login";
    }
}
