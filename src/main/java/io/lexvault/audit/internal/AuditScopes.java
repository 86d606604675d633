package io.lexvault.audit.internal;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The matter and client an id belongs to, as the bound firm's own log knows it, for events that name
 * an object without coming from the module that owns it: a view or an export of the log filtered to
 * one matter or object. Such an event is recorded with that matter and client, so
 * that the audit views hide it from the people a wall around them screens, as they hide the events
 * about the object itself (docs/security.md §1).
 *
 * <p>Every matter, client, document, party, wall and conflict report enters the log with an event that
 * names its matter and client (its opening, creation or upload), so the log answers for every one of
 * them, including those a wall hides from the caller and those deleted since, without the audit module
 * reading another module's tables. An id of anything else (a person, a role) belongs to nothing.
 */
@Component
public class AuditScopes {

    /** What an event is about: a matter and its client, a client alone, or nothing. */
    public record Scope(@Nullable UUID matter, @Nullable UUID client) {
        public static final Scope NONE = new Scope(null, null);
    }

    private final AuditScopeRepository rows;

    AuditScopes(AuditScopeRepository rows) {
        this.rows = rows;
    }

    /** What the id belongs to: the matter it is (with its client), the client it is, or the object's. */
    @Transactional(readOnly = true)
    public Scope of(@Nullable UUID id) {
        if (id == null) {
            return Scope.NONE;
        }
        // Three indexed look-ups (V1_021, V1_036), the first that answers wins: a matter's own id names
        // it and its client; a client's names the client alone; any other object's id, its events' scope.
        return rows.scopeOf(id).orElse(Scope.NONE);
    }
}
