package io.lexvault.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * Everything a user may be allowed to do, one entry per action, grouped by what it acts on. Roles
 * are sets of these; API keys carry a subset of their owner's; every handler will name the one it
 * needs.
 */
public enum Permission {
    FIRM_SETTINGS_READ("firm.settings.read", "firm", "See the firm's settings."),
    FIRM_SETTINGS_MANAGE(
            "firm.settings.manage",
            "firm",
            "Change the firm's settings, including security policies such as required MFA."),
    FIRM_SSO_MANAGE("firm.sso.manage", "firm", "Configure single sign-on for the firm."),
    USERS_READ("users.read", "users", "See the firm's users and their roles."),
    USERS_INVITE("users.invite", "users", "Invite people to the firm by e-mail."),
    USERS_MANAGE("users.manage", "users", "Deactivate and reactivate users and change their details."),
    USERS_UNLOCK("users.unlock", "users", "Lift a user's sign-in lockout."),
    USERS_MFA_RESET("users.mfa.reset", "users", "Reset a user's two-factor authentication."),
    USERS_SESSIONS_REVOKE("users.sessions.revoke", "users", "Sign a user out everywhere."),
    ROLES_READ("roles.read", "roles", "See roles and their permissions."),
    ROLES_MANAGE("roles.manage", "roles", "Create, change and delete custom roles."),
    ROLES_ASSIGN("roles.assign", "roles", "Give users roles and take them away."),
    WALLS_READ("walls.read", "walls", "See ethical walls and who they screen."),
    WALLS_MANAGE("walls.manage", "walls", "Create, change and remove ethical walls."),
    CLIENTS_READ("clients.read", "clients", "See clients."),
    CLIENTS_CREATE("clients.create", "clients", "Create clients."),
    CLIENTS_UPDATE("clients.update", "clients", "Change clients."),
    CLIENTS_DELETE("clients.delete", "clients", "Delete clients."),
    MATTERS_READ("matters.read", "matters", "See the matters the user is on."),
    MATTERS_READ_ALL("matters.read.all", "matters", "See every matter of the firm (never across an ethical wall)."),
    MATTERS_CREATE("matters.create", "matters", "Open matters."),
    MATTERS_UPDATE("matters.update", "matters", "Change matters."),
    MATTERS_CLOSE("matters.close", "matters", "Close and reopen matters."),
    MATTERS_DELETE("matters.delete", "matters", "Delete matters."),
    CONFLICTS_CHECK("conflicts.check", "matters", "Run conflict checks."),
    CONFLICTS_CHECK_ALL(
            "conflicts.check.all",
            "matters",
            "See conflict check hits in full on every matter (never one a wall screens the holder from)."),
    TEAMS_READ("teams.read", "teams", "See who is on a matter's team."),
    TEAMS_MANAGE("teams.manage", "teams", "Add people to and remove them from matter teams."),
    DOCUMENTS_READ("documents.read", "documents", "Read documents of the matters the user can see."),
    DOCUMENTS_UPLOAD("documents.upload", "documents", "Upload documents and new versions."),
    DOCUMENTS_DOWNLOAD("documents.download", "documents", "Download documents."),
    DOCUMENTS_DELETE("documents.delete", "documents", "Delete documents."),
    DOCUMENTS_CLASSIFY("documents.classify", "documents", "Set documents' classification labels."),
    DOCUMENTS_SHARE("documents.share", "documents", "Share documents by link outside the firm."),
    SEARCH_USE("search.use", "search", "Search the documents the user can see."),
    ASSISTANT_USE("assistant.use", "assistant", "Ask the AI assistant about a matter's documents."),
    ASSISTANT_CONFIGURE("assistant.configure", "assistant", "Configure the AI assistant's provider and limits."),
    AUDIT_READ("audit.read", "audit", "Read the audit log."),
    AUDIT_EXPORT("audit.export", "audit", "Export the audit log."),
    API_KEYS_CREATE("api_keys.create", "api keys", "Create API keys for oneself."),
    API_KEYS_MANAGE("api_keys.manage", "api keys", "See and revoke every API key of the firm."),
    EXPORTS_CREATE("exports.create", "exports", "Export a matter's data."),
    EXPORTS_FIRM("exports.firm", "exports", "Export all of the firm's data."),
    PRIVACY_REQUESTS_READ("privacy_requests.read", "privacy", "See data-subject requests."),
    PRIVACY_REQUESTS_MANAGE("privacy_requests.manage", "privacy", "Handle data-subject requests (export and erasure)."),
    RETENTION_MANAGE("retention.manage", "privacy", "Set retention schedules."),
    LEGAL_HOLDS_MANAGE("legal_holds.manage", "privacy", "Place and lift legal holds."),
    KEYS_MANAGE("keys.manage", "security", "Rotate the firm's encryption keys."),
    BACKUPS_READ("backups.read", "operations", "See backup and restore-verification status."),
    WEBHOOKS_MANAGE("webhooks.manage", "integrations", "Configure webhooks."),
    INTEGRATIONS_MANAGE("integrations.manage", "integrations", "Connect and disconnect integrations."),
    REPORTS_READ("reports.read", "reports", "See firm reports and activity summaries.");

    private final String key;
    private final String group;
    private final String description;

    Permission(String key, String group, String description) {
        this.key = key;
        this.group = group;
        this.description = description;
    }

    /** The name used in roles, API key scopes and handlers, e.g. {@code matters.read.all}. */
    public String key() {
        return key;
    }

    public String group() {
        return group;
    }

    public String description() {
        return description;
    }

    public static Optional<Permission> fromKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key().equals(key)).findFirst();
    }

    /** The catalogue by group, groups and permissions in catalogue order, as pages show it. */
    public static SequencedMap<String, List<Permission>> byGroup() {
        var groups = new LinkedHashMap<String, List<Permission>>();
        for (var permission : values()) {
            groups.computeIfAbsent(permission.group(), group -> new ArrayList<>())
                    .add(permission);
        }
        groups.replaceAll((group, permissions) -> List.copyOf(permissions));
        return groups;
    }
}
