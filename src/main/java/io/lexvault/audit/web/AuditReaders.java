package io.lexvault.audit.web;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditTrail;
import io.lexvault.audit.RequestAudit;
import io.lexvault.audit.internal.AuditScopes;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.ApiKeys;
import java.util.HashMap;
import org.springframework.stereotype.Component;

/** What the audit views share about their readers: the names they see, and the record that they looked. */
@Component
class AuditReaders {

    private final RequestAudit audit;
    private final Accounts accounts;
    private final ApiKeys apiKeys;
    private final AuditScopes scopes;

    AuditReaders(RequestAudit audit, Accounts accounts, ApiKeys apiKeys, AuditScopes scopes) {
        this.audit = audit;
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.scopes = scopes;
    }

    /** The names of people and API keys as they are now, to show events with. */
    AuditNames names() {
        return new AuditNames(accounts.all(), apiKeys.all());
    }

    void viewed(String what, AuditTrail.Filter filter) {
        var details = new HashMap<>(filter.asDetails());
        details.put("view", what);
        var scope = scopeOf(filter);
        audit.succeeded(AuditAction.AUDIT_VIEWED, null, null, scope.matter(), scope.client(), details);
    }

    /**
     * A look at the log filtered to one matter or object is about that matter (or client): recorded
     * with it, so the people a wall around it screens do not learn that someone looked it up.
     */
    AuditScopes.Scope scopeOf(AuditTrail.Filter filter) {
        var scope = scopes.of(filter.matter());
        return scope.equals(AuditScopes.Scope.NONE) ? scopes.of(filter.target()) : scope;
    }
}
