package io.lexvault.web.internal;

import io.lexvault.web.PublicEndpoint;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page. Until accounts exist it tells the visitor that the server is up. */
@Controller
class SignInPage {

    @GetMapping("/login")
    @PublicEndpoint("signing in must be possible while signed out")
    String signIn() {
        return "login";
    }
}
