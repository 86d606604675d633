-- Spring Modulith's JDBC event publication registry (spring-modulith-events-jdbc, schema v2 for
-- PostgreSQL), made here rather than by its auto-initialisation: the runtime role may not create
-- tables. An event a module publishes in its transaction (a document version stored) is written here
-- in that same transaction and deleted once its listener has completed; one left behind by a crash is
-- published again at the next start (spring.modulith.events.republish-outstanding-events-on-restart).
--
-- Not firm data: no tenant_id, so no row-level security. Events carry ids only (firm, document,
-- version, label), never a title, a name or text, because every firm's events share this table.
CREATE TABLE lexvault.event_publication (
    id                     uuid        NOT NULL PRIMARY KEY,
    listener_id            text        NOT NULL,
    event_type             text        NOT NULL,
    serialized_event       text        NOT NULL,
    publication_date       timestamptz NOT NULL,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    integer,
    last_resubmission_date timestamptz
);
CREATE INDEX event_publication_serialized_event_hash_idx ON lexvault.event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON lexvault.event_publication (completion_date);
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.event_publication TO ${appRole};
