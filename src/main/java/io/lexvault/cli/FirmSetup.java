package io.lexvault.cli;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.roles.RoleAssignments;
import io.lexvault.identity.Account;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.EmailAddresses;
import io.lexvault.identity.EmailTakenException;
import io.lexvault.identity.PasswordPolicy;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;
import org.springframework.context.ApplicationContext;

/** Creating a firm with its first administrator, and adding users with a role: for the CLI and the demo. */
public final class FirmSetup {

    private final Tenants tenants;
    private final Accounts accounts;
    private final RoleAssignments roles;
    private final PasswordPolicy policy;

    public FirmSetup(ApplicationContext context) {
        this.tenants = context.getBean(Tenants.class);
        this.accounts = context.getBean(Accounts.class);
        this.roles = context.getBean(RoleAssignments.class);
        this.policy = context.getBean(PasswordPolicy.class);
    }

    /**
     * Creates the firm and its administrator. Everything that could refuse the administrator is
     * checked before the firm exists, so a refusal leaves nothing half made.
     */
    TenantId createFirm(String name, String slug, String adminEmail, String adminName, String password) {
        String email = EmailAddresses.normalize(adminEmail);
        Accounts.checkedDisplayName(adminName);
        policy.check(password, email, name);
        if (accounts.isAddressTaken(email)) {
            throw new EmailTakenException();
        }
        TenantId firm = tenants.register(name, slug);
        addUser(firm, email, adminName, password, BuiltInRole.ADMINISTRATOR);
        return firm;
    }

    public Account addUser(TenantId firm, String email, String displayName, String password, BuiltInRole role) {
        return TenantContext.callAs(firm, null, () -> {
            var account = accounts.create(email, displayName, password);
            // The operator typed the address (or it is the demo's): they vouch for it.
            accounts.markEmailVerified(account.id());
            roles.assign(account.id(), role);
            return account;
        });
    }
}
