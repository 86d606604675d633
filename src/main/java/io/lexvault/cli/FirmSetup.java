package io.lexvault.cli;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.roles.RoleAssignments;
import io.lexvault.identity.Account;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.FirmRegistration;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import org.springframework.context.ApplicationContext;

/** Creating a firm with its first administrator, and adding users with a role: for the CLI and the demo. */
public final class FirmSetup {

    private final FirmRegistration registration;
    private final Accounts accounts;
    private final RoleAssignments roles;

    public FirmSetup(ApplicationContext context) {
        this.registration = context.getBean(FirmRegistration.class);
        this.accounts = context.getBean(Accounts.class);
        this.roles = context.getBean(RoleAssignments.class);
    }

    /** Creates the firm and its administrator, as {@link FirmRegistration#register} does for sign-up too. */
    public TenantId createFirm(String name, String slug, String adminEmail, String adminName, String password) {
        return registration
                .register(name, slug, adminEmail, adminName, password, FirmRegistration.Origin.OPERATOR)
                .firm();
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
