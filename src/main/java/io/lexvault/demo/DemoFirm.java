package io.lexvault.demo;

import io.lexvault.access.BuiltInRole;
import java.util.Map;

/** The demo firm: its name, address, people and the matter its ethical wall screens. */
public final class DemoFirm {

    public static final String SLUG = "demo";
    static final String NAME = "Demo Law LLP";
    static final String DOMAIN = "demo-law.example";

    /** One demo user per built-in role; the address says the role. */
    static final Map<BuiltInRole, String> PEOPLE = Map.of(
            BuiltInRole.ADMINISTRATOR, "Avery Adams",
            BuiltInRole.ATTORNEY, "Jordan Blake",
            BuiltInRole.PARALEGAL, "Sam Carter",
            BuiltInRole.STAFF, "Riley Dunn",
            BuiltInRole.INTAKE_COORDINATOR, "Casey Evans",
            BuiltInRole.AUDITOR, "Morgan Fox");

    /**
     * The demo's walled matter: signed in as the screened paralegal, no list or page shows it, and a
     * conflict check that matches its parties says only that a restricted hit exists.
     */
    public static final String WALLED_MATTER_NUMBER = "2024-0003";

    private DemoFirm() {}

    public static String emailFor(BuiltInRole role) {
        return role.key().replace('_', '-') + "@" + DOMAIN;
    }
}
