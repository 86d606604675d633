package io.lexvault.testsupport;

import io.lexvault.access.roles.Caller;
import io.lexvault.access.roles.RoleAssignments;
import io.lexvault.access.roles.RoleDraft;
import io.lexvault.access.roles.Roles;
import io.lexvault.identity.Accounts;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.util.List;

/** Custom roles made as the operator would make them, for tests that need one with given permissions. */
public final class CustomRoleFixtures {

    private CustomRoleFixtures() {}

    /** A new custom role of the firm holding exactly these permissions; its key. */
    public static String customRole(Roles roles, TenantId firm, String title, String... permissions) {
        return TenantContext.callAs(
                        firm,
                        null,
                        () -> roles.create(Caller.operator(), new RoleDraft(title, "", List.of(permissions)), null))
                .key();
    }

    /** A new person of the firm whose only role is a new custom role holding exactly these permissions. */
    public static People.Person withCustomRole(
            Accounts accounts,
            Roles roles,
            RoleAssignments assignments,
            TenantId firm,
            String title,
            String... permissions) {
        var person = People.aPerson(accounts, firm);
        String key = customRole(roles, firm, title, permissions);
        TenantContext.runAs(firm, null, () -> assignments.give(Caller.operator(), person.id(), key));
        return person;
    }
}
