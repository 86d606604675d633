package io.lexvault.identity.signin;

import io.lexvault.web.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The second step of signing in: a code from the authenticator app, or a backup code. */
@Controller
class SecondFactorPage {

    private final SignInSteps steps;

    SecondFactorPage(SignInSteps steps) {
        this.steps = steps;
    }

    @GetMapping(SignInSteps.SECOND_FACTOR_PAGE)
    @PublicEndpoint("the second step of signing in, for a visitor whose password has just been verified")
    String show(HttpServletRequest request) {
        return steps.pending(request).isPresent() ? "identity/second-factor" : "redirect:/login";
    }

    @PostMapping(SignInSteps.SECOND_FACTOR_PAGE)
    @PublicEndpoint("checks the second factor of the sign-in pending in this session, and nothing else")
    String verify(@RequestParam String code, HttpServletRequest request, HttpServletResponse response) {
        if (steps.pending(request).isEmpty()) {
            return "redirect:/login";
        }
        return switch (steps.completeWithSecondFactor(request, response, code)) {
            case ACCEPTED -> "redirect:/";
            case REFUSED -> "redirect:" + SignInSteps.SECOND_FACTOR_PAGE + "?error";
            case LOCKED -> "redirect:/login?error";
        };
    }
}
