package io.lexvault.access;

import static io.lexvault.access.Permission.*;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The roles every firm has, each a fixed set of permissions. Firms copy them to make their own. */
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

    /** What the role allows. Ethical walls still apply on top: no permission reaches across one. */
    public Set<Permission> permissions() {
        return switch (this) {
            case ADMINISTRATOR -> EnumSet.allOf(Permission.class);
            case ATTORNEY ->
                EnumSet.of(
                        FIRM_SETTINGS_READ,
                        USERS_READ,
                        ROLES_READ,
                        CLIENTS_READ,
                        CLIENTS_CREATE,
                        CLIENTS_UPDATE,
                        MATTERS_READ,
                        MATTERS_CREATE,
                        MATTERS_UPDATE,
                        MATTERS_CLOSE,
                        CONFLICTS_CHECK,
                        TEAMS_READ,
                        TEAMS_MANAGE,
                        DOCUMENTS_READ,
                        DOCUMENTS_UPLOAD,
                        DOCUMENTS_DOWNLOAD,
                        DOCUMENTS_DELETE,
                        DOCUMENTS_CLASSIFY,
                        DOCUMENTS_SHARE,
                        SEARCH_USE,
                        ASSISTANT_USE,
                        API_KEYS_CREATE,
                        EXPORTS_CREATE,
                        REPORTS_READ);
            case PARALEGAL ->
                EnumSet.of(
                        USERS_READ,
                        CLIENTS_READ,
                        MATTERS_READ,
                        CONFLICTS_CHECK,
                        TEAMS_READ,
                        DOCUMENTS_READ,
                        DOCUMENTS_UPLOAD,
                        DOCUMENTS_DOWNLOAD,
                        DOCUMENTS_CLASSIFY,
                        SEARCH_USE,
                        ASSISTANT_USE,
                        API_KEYS_CREATE);
            case STAFF -> EnumSet.of(USERS_READ, CLIENTS_READ, MATTERS_READ, TEAMS_READ, DOCUMENTS_READ, SEARCH_USE);
            case INTAKE_COORDINATOR ->
                EnumSet.of(
                        USERS_READ,
                        CLIENTS_READ,
                        CLIENTS_CREATE,
                        CLIENTS_UPDATE,
                        MATTERS_READ,
                        MATTERS_CREATE,
                        CONFLICTS_CHECK,
                        // The firm's conflicts officer: answers about hits on matters others are walled from.
                        CONFLICTS_CHECK_ALL,
                        TEAMS_READ);
            case AUDITOR -> EnumSet.of(AUDIT_READ, AUDIT_EXPORT);
        };
    }

    /** The stored and displayed key, e.g. {@code intake_coordinator}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
