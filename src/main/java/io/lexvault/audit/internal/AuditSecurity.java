package io.lexvault.audit.internal;

import io.lexvault.web.HttpSecurityContribution;
import io.lexvault.web.ProblemWriter;
import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.stereotype.Component;

/** The audit module's one public path: its verifier key. */
@Component
class AuditSecurity implements HttpSecurityContribution {

    @Override
    public List<String> publicPaths() {
        return List.of("/.well-known/lexvault-audit-keys");
    }

    @Override
    public void contribute(HttpSecurity http, ProblemWriter problems) {}
}
