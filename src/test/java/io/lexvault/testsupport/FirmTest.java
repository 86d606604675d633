package io.lexvault.testsupport;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.roles.RoleAssignments;
import io.lexvault.audit.AuditLedger;
import io.lexvault.audit.internal.AuditSequencer;
import io.lexvault.identity.Accounts;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The services every test that builds firms injected for itself: those that make a firm and its
 * people, the audit events helper and, where the context has it, the settable clock. Declares no Spring annotation, so a subclass keeps its own
 * {@code @SpringBootTest} properties and shares whatever context those select; needs no web layer
 * ({@link FirmWebTest} adds it).
 */
public abstract class FirmTest {

    @Autowired
    protected Tenants tenants;

    @Autowired
    protected Accounts accounts;

    @Autowired
    protected RoleAssignments roles;

    protected AuditEvents audit;

    /** The settable clock where the context has one ({@link MutableClockConfiguration}); set back after each test. */
    @Autowired(required = false)
    protected @Nullable MutableClock clock;

    @AfterEach
    void resetClock() {
        if (clock != null) {
            clock.reset();
        }
    }

    @Autowired
    void auditEvents(AuditLedger ledger, AuditSequencer sequencer, TransactionTemplate transactions) {
        audit = new AuditEvents(ledger, sequencer, transactions);
    }

    /** A new firm, named for what the test does with it (the name made unique). */
    protected TenantId aFirm(String label) {
        return Firms.aFirm(tenants, label + " " + TestDatabase.randomName());
    }

    /** A new person of the firm holding the given built-in roles. */
    protected People.Person withRole(TenantId firm, BuiltInRole... builtIns) {
        return People.withRoles(accounts, roles, firm, builtIns);
    }

    /** {@code work} as the person would run it in a request: their firm and their id bound. */
    protected static <T> T as(People.Person person, Supplier<T> work) {
        return TenantContext.callAs(person.firm(), person.id().value(), work);
    }
}
