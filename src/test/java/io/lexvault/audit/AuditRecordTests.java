package io.lexvault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What an event says it is about: a matter never without its client (ethical walls, docs/security.md §1). */
class AuditRecordTests {

    @Test
    void anEventNamingAMatterButNotItsClientIsRefused() {
        assertThatThrownBy(() -> about(UUID.randomUUID(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("document.downloaded names a matter but not its client");
    }

    @Test
    void aMatterWithItsClientAClientAloneOrNothingAreAccepted() {
        UUID matter = UUID.randomUUID();
        UUID client = UUID.randomUUID();
        assertThat(about(matter, client).clientId()).isEqualTo(client);
        assertThat(about(null, client).matterId()).isNull();
        assertThat(about(null, null).clientId()).isNull();
    }

    private static AuditRecord about(@Nullable UUID matter, @Nullable UUID client) {
        return new AuditRecord(
                AuditAction.DOCUMENT_DOWNLOADED,
                AuditOutcome.SUCCESS,
                Instant.now(),
                AuditRecord.Actor.SYSTEM,
                "document",
                UUID.randomUUID(),
                matter,
                client,
                null,
                null,
                Map.of());
    }
}
