package io.lexvault.testsupport;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditOutcome;
import io.lexvault.audit.AuditTrail;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The audit-trail filters tests ask for, named, instead of seven positional arguments mostly null. */
public final class AuditFilters {

    private AuditFilters() {}

    /** Every event of this action. */
    public static AuditTrail.Filter action(AuditAction action) {
        return new AuditTrail.Filter(null, action, null, null, null, null, null);
    }

    /** The events of this action that the person caused, with the outcome if one is given. */
    public static AuditTrail.Filter byActor(People.Person actor, AuditAction action, @Nullable AuditOutcome outcome) {
        return new AuditTrail.Filter(actor.id().value(), action, outcome, null, null, null, null);
    }

    /** The events of this action about this object. */
    public static AuditTrail.Filter onTarget(AuditAction action, @Nullable UUID target) {
        return new AuditTrail.Filter(null, action, null, null, target, null, null);
    }
}
