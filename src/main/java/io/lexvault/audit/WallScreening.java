package io.lexvault.audit;

/**
 * The one rule by which every audit view hides an event from a reader an ethical wall screens
 * (docs/security.md §1): the event's matter is one they are screened from (a walled matter, or a
 * matter of a walled client), or its client is one they are screened from. It reads the two columns
 * every event about a matter or client carries (V1_036, {@link AuditRecord}), never {@code details}.
 * Walls apply to administrators and auditors too; no permission reads across one.
 */
final class WallScreening {

    /**
     * A sub-select to cross join as {@code screened}: the acting user's screened matters and clients,
     * each looked up once per statement.
     */
    static final String SCREENED_LISTS = """
            (SELECT lexvault.acting_user_screened_matter_ids() AS matters,
                    lexvault.acting_user_screened_clients() AS clients)""";

    /** True when a wall screens the reader from event {@code e}; false otherwise (never null). */
    static final String HIDES_EVENT = """
            coalesce(e.scope_matter_id = ANY (screened.matters) OR e.client_id = ANY (screened.clients), false)""";

    private WallScreening() {}
}
