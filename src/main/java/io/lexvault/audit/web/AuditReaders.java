package io.lexvault.audit.web;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditSubjectNames;
import io.lexvault.audit.AuditTrail;
import io.lexvault.audit.RequestAudit;
import io.lexvault.audit.internal.AuditScopes;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.ApiKeys;
import io.lexvault.web.Labels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** What the audit views share about their readers: the names they see, and the record that they looked. */
@Component
class AuditReaders {

    private final RequestAudit audit;
    private final Accounts accounts;
    private final ApiKeys apiKeys;
    private final AuditScopes scopes;
    private final List<AuditSubjectNames> subjects;
    private final Labels labels;

    AuditReaders(
            RequestAudit audit,
            Accounts accounts,
            ApiKeys apiKeys,
            AuditScopes scopes,
            ObjectProvider<AuditSubjectNames> subjects,
            Labels labels) {
        this.audit = audit;
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.scopes = scopes;
        this.subjects = subjects.orderedStream().toList();
        this.labels = labels;
    }

    /**
     * The names of people, API keys, matters and documents as they are now and as this reader may know
     * them, to show events with.
     */
    AuditNames names() {
        return new AuditNames(accounts.all(), apiKeys.all(), this::subjectNames, labels);
    }

    Labels labels() {
        return labels;
    }

    /** The matter a number names, for the matter filter (a number, not an id, is what people know). */
    Optional<UUID> matterNumbered(String number) {
        return subjects.stream()
                .map(names -> names.matterNumbered(number))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private Map<UUID, String> subjectNames(Set<UUID> ids) {
        var found = new HashMap<UUID, String>();
        subjects.forEach(names -> found.putAll(names.namesOf(ids)));
        return found;
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
