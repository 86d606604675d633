package io.lexvault.audit;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the audit log's readers call the objects its events name: a module that owns matters answers
 * with their numbers, one that owns documents with their titles. The audit module reads no other
 * module's tables, so the owners answer; they answer as the reader, and never for an object an ethical
 * wall screens the reader from (its title would tell them what the wall keeps from them).
 */
public interface AuditSubjectNames {

    /** The names of those of these ids that this module owns and the reader is not screened from. */
    Map<UUID, String> namesOf(Set<UUID> ids);

    /** The matter with this number, for the log's matter filter; empty when none, or a wall screens it. */
    default Optional<UUID> matterNumbered(String number) {
        return Optional.empty();
    }
}
