package io.lexvault.testsupport;

import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;

/** Creates firms with unique slugs, so tests never collide in the shared test database. */
public final class Firms {

    private Firms() {}

    public static TenantId aFirm(Tenants tenants, String name) {
        return tenants.register(name, "firm-" + TestDatabase.randomName());
    }
}
