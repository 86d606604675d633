package io.lexvault.testsupport;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.roles.RoleAssignments;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;

/** Creates accounts with unique addresses, so tests never collide in the shared test database. */
public final class People {

    /** Accepted by the password policy for any test firm and address. */
    public static final String PASSWORD = "tangerine orbit kettle mosaic";

    public record Person(TenantId firm, UserId id, String email, String password) {}

    private People() {}

    public static Person aPerson(Accounts accounts, TenantId firm) {
        String email = "person-" + TestDatabase.randomName() + "@firm.example";
        var account = TenantContext.callAs(firm, null, () -> accounts.create(email, "Test Person", PASSWORD));
        return new Person(firm, account.id(), email, PASSWORD);
    }

    /** A new person of the firm holding the given built-in roles. */
    public static Person withRoles(Accounts accounts, RoleAssignments roles, TenantId firm, BuiltInRole... builtIns) {
        var person = aPerson(accounts, firm);
        TenantContext.runAs(firm, null, () -> {
            for (var role : builtIns) {
                roles.assign(person.id(), role);
            }
        });
        return person;
    }
}
