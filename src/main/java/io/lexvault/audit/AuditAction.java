package io.lexvault.audit;

/**
 * Every kind of action the audit log records, grouped by what it concerns. The key is what the log
 * stores; details never hold document text, prompts, answers, passwords, tokens or secrets.
 */
public enum AuditAction {
    SIGN_IN_SUCCEEDED("sign_in.succeeded"),
    SIGN_IN_FAILED("sign_in.failed"),
    SIGN_IN_THROTTLED("sign_in.throttled"),
    SIGNED_OUT("sign_in.signed_out"),
    ACCOUNT_LOCKED("account.locked"),
    ACCOUNT_UNLOCKED("account.unlocked"),
    ACCOUNT_CREATED("account.created"),
    ACCOUNT_DEACTIVATED("account.deactivated"),
    ACCOUNT_REACTIVATED("account.reactivated"),
    EMAIL_VERIFIED("account.email_verified"),
    PASSWORD_CHANGED("password.changed"),
    PASSWORD_REHASHED("password.rehashed"),
    PASSWORD_RESET_REQUESTED("password.reset_requested"),
    PASSWORD_RESET("password.reset"),
    MFA_ENROLLED("mfa.enrolled"),
    MFA_REMOVED("mfa.removed"),
    MFA_RESET("mfa.reset"),
    MFA_POLICY_CHANGED("mfa.policy_changed"),
    SECOND_FACTOR_FAILED("mfa.code_failed"),
    BACKUP_CODES_REGENERATED("mfa.backup_codes_regenerated"),
    BACKUP_CODE_USED("mfa.backup_code_used"),
    PASSKEY_REGISTERED("passkey.registered"),
    PASSKEY_REMOVED("passkey.removed"),
    SESSION_REVOKED("session.revoked"),
    OTHER_SESSIONS_REVOKED("session.others_revoked"),
    SESSION_EXPIRED("session.expired"),
    API_KEY_CREATED("api_key.created"),
    API_KEY_REVOKED("api_key.revoked"),
    API_KEY_REFUSED("api_key.refused"),
    SSO_CONFIGURED("sso.configured"),
    SSO_LINKED("sso.linked"),
    INVITATION_SENT("invitation.sent"),
    INVITATION_ACCEPTED("invitation.accepted"),
    FIRM_SIGNED_UP("firm.signed_up"),
    FIRM_SETTINGS_CHANGED("firm.settings_changed"),
    ROLE_CREATED("role.created"),
    ROLE_CHANGED("role.changed"),
    ROLE_DELETED("role.deleted"),
    ROLE_ASSIGNED("role.assigned"),
    ROLE_REMOVED("role.removed"),
    WALL_CREATED("wall.created"),
    WALL_CHANGED("wall.changed"),
    WALL_REMOVED("wall.removed"),
    GROUP_CREATED("group.created"),
    GROUP_MEMBER_ADDED("group.member_added"),
    GROUP_MEMBER_REMOVED("group.member_removed"),
    /** A group deleted (one no ethical wall screens: a wall's group is taken off the wall first). */
    GROUP_DELETED("group.deleted"),
    CLIENT_CREATED("client.created"),
    CLIENT_CHANGED("client.changed"),
    CLIENT_DELETED("client.deleted"),
    MATTER_OPENED("matter.opened"),
    MATTER_CHANGED("matter.changed"),
    MATTER_CLOSED("matter.closed"),
    MATTER_VIEWED("matter.viewed"),
    MATTER_ACCESS_DENIED("matter.access_denied"),
    TEAM_MEMBER_ADDED("team.member_added"),
    TEAM_MEMBER_REMOVED("team.member_removed"),
    CONFLICT_CHECKED("matter.conflict_checked"),
    /** A conflict check saved as a report on a matter (the names searched stay out of the details). */
    CONFLICT_REPORT_SAVED("matter.conflict_report_saved"),
    MATTER_PARTY_ADDED("matter.party_added"),
    MATTER_PARTY_CHANGED("matter.party_changed"),
    MATTER_PARTY_REMOVED("matter.party_removed"),
    DOCUMENT_UPLOADED("document.uploaded"),
    DOCUMENT_VIEWED("document.viewed"),
    DOCUMENT_DOWNLOADED("document.downloaded"),
    DOCUMENT_DELETED("document.deleted"),
    DOCUMENT_SHARED("document.shared"),
    DOCUMENT_CLASSIFIED("document.classified"),
    /** A look at a document the caller may not see (another firm's, walled, off-team, none): answered 404. */
    DOCUMENT_ACCESS_DENIED("document.access_denied"),
    /** An upload refused for its type, name or size; nothing of it was kept. */
    DOCUMENT_UPLOAD_REFUSED("document.upload_refused"),
    /** A stored version failed to decrypt or to match its hash on download; nothing complete was sent. */
    DOCUMENT_INTEGRITY_FAILED("document.integrity_failed"),
    /** Blobs left by failed uploads or deletions, without a version row, removed by the sweeper. */
    DOCUMENT_ORPHANS_SWEPT("document.orphans_swept"),
    /**
     * A search: the matter filter (the event's matter), the result count, the documents returned when
     * it was scoped to a matter, and the query text only as a keyed hash (never the text).
     */
    SEARCH_RUN("search.run"),
    /** The documents of one matter that an unscoped search returned, on that matter (so walls screen it). */
    SEARCH_RESULTS_RETURNED("search.results_returned"),
    /**
     * An answer given: provider, model, region, prompt template, token counts, the ids of the passages
     * sent and withheld, the citation check's counts and the receipt id; never the question or answer.
     */
    ASSISTANT_ASKED("assistant.asked"),
    EXPORT_CREATED("export.created"),
    PRIVACY_REQUEST_RECEIVED("privacy.request_received"),
    PRIVACY_REQUEST_COMPLETED("privacy.request_completed"),
    KEYS_ROTATED("keys.rotated"),
    /** The firm's keysets wrapped again under a new root key (`lexvault keys rotate-root`). */
    KEYS_ROOT_ROTATED("keys.root_rotated"),
    /** Crypto-shredding: the firm's keysets deleted, its encrypted fields and documents unreadable. */
    KEYS_DESTROYED("keys.destroyed"),
    BACKUP_VERIFIED("backup.verified"),
    PERMISSION_DENIED("access.permission_denied"),
    AUDIT_VIEWED("audit.viewed"),
    AUDIT_EXPORTED("audit.exported"),
    AUDIT_RETENTION_CHANGED("audit.retention_changed"),
    AUDIT_EVENTS_EXPIRED("audit.events_expired"),
    /** A signed checkpoint handed out of the system on request (file, S3, mail to the firm's officers). */
    CHECKPOINT_EXPORTED("audit.checkpoint_exported"),
    ADMIN_COMMAND_RUN("admin.command_run"),

    // AI assistant — receipts and saved answers (asst-receipts)
    /** An answer saved as a note on the matter; details name the note's receipt, never the title or answer. */
    ASSISTANT_ANSWER_SAVED("assistant.answer_saved"),
    /** An answer receipt fetched through the API (to download or check it). */
    ASSISTANT_RECEIPT_FETCHED("assistant.receipt_fetched"),
    // asst-providers (issue 16): the AI assistant's per-firm settings; details never hold the API key.
    /** The firm's assistant settings changed: provider, address, region, models, budgets, on/off, key set or removed. */
    ASSISTANT_SETTINGS_CHANGED("assistant.settings_changed"),
    /** A client's assistant rule (off, local only, EU only) set or lifted. */
    ASSISTANT_CLIENT_POLICY_CHANGED("assistant.client_policy_changed"),
    /** The assistant switched on or off for one user. */
    ASSISTANT_USER_SWITCHED("assistant.user_switched"),
    /** An administrator tested the connection to the firm's provider (one tiny call). */
    ASSISTANT_CONNECTION_TESTED("assistant.connection_tested"),
    // asst-core (issue 16): the assistant's pipeline. ASSISTANT_ASKED above records an answer given.
    /**
     * A question the assistant refused before answering (policy, budget, injection, no pseudonymiser):
     * the kind of refusal and, for an injection, its classes; never the question.
     */
    ASSISTANT_REFUSED("assistant.refused"),
    // Search (search-finish): an administrator asked for a failed version to be indexed again.
    SEARCH_INDEXING_RETRIED("search.indexing_retried"),
    // asst-pii (issue 16): pseudonymisation
    /** An administrator looked at what would be sent to an external model for a question (never the text). */
    ASSISTANT_PREVIEWED("assistant.previewed");

    private final String key;

    AuditAction(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
