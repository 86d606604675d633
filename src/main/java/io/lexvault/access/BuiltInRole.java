package io.lexvault.access;

import java.util.Locale;

/**
 * The roles every firm has. The permission catalogue that gives them meaning arrives with the
 * access-control work; until then they name what a user is for.
 */
public enum BuiltInRole {
    ADMINISTRATOR("Administrator", "Runs the firm's workspace: users, roles, walls and settings."),
    ATTORNEY("Attorney", "Works on the matters they are on."),
    PARALEGAL("Paralegal", "Supports attorneys on the matters they are on."),
    STAFF("Staff", "Administrative staff with limited access."),
    INTAKE_COORDINATOR("Intake coordinator", "Creates clients and matters; no access to documents of other matters."),
    AUDITOR("Auditor", "Reads the audit log and nothing else.");

    private final String title;
    private final String description;

    BuiltInRole(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** The stored and displayed key, e.g. {@code intake_coordinator}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
