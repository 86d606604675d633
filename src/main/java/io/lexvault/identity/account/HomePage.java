package io.lexvault.identity.account;

import io.lexvault.web.SignedInEndpoint;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Where sign-in lands. Until the matters module has a dashboard, that is the account page. */
@Controller
class HomePage {

    @GetMapping("/")
    @SignedInEndpoint("the landing page shows only the user's own account")
    String home() {
        return "redirect:/account";
    }
}
