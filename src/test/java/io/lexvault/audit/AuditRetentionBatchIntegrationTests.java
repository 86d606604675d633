package io.lexvault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.AuditLogTest;
import io.lexvault.testsupport.MutableClockConfiguration;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * Expiry in batches (here of two leaves): each batch is its own range and event, the ranges follow
 * on from one another, and once the events that recorded earlier expiries expire themselves, the
 * verifier still accepts the earlier ranges.
 */
@SpringBootTest(properties = "lexvault.audit.retention.batch-size=2")
@Import(MutableClockConfiguration.class)
@AutoConfigureMockMvc
class AuditRetentionBatchIntegrationTests extends AuditLogTest {

    private static final Duration EIGHT_YEARS = Duration.ofDays(8 * 366);

    @Autowired
    AuditRetention retention;

    @Test
    void expiryRunsInBatchesAndTheRecordsOfEarlierExpiriesMayExpireInTurn() {
        var firm = aFirm("Retention");
        clock.advance(EIGHT_YEARS.negated());
        append(firm, 5);
        // An expiry eight years ago (as the application's clock tells it): its own events are old now.
        var first = TenantContext.callAs(firm, null, () -> retention.expireDue(AuditRetention.ExpiredBy.SCHEDULE));
        assertThat(first)
                .extracting(AuditRetention.Expiry::firstLeaf, AuditRetention.Expiry::lastLeaf)
                .containsExactly(tuple(0L, 1L), tuple(2L, 3L), tuple(4L, 4L));
        sequencer.sequencePending(); // leaves 5-7: the three audit.events_expired events
        clock.reset();
        append(firm, 1); // leaf 8, young
        assertThat(verifier.verify(firm, null).problems()).isEmpty();

        var second = TenantContext.callAs(firm, null, () -> retention.expireDue(AuditRetention.ExpiredBy.SCHEDULE));
        assertThat(second)
                .extracting(AuditRetention.Expiry::firstLeaf, AuditRetention.Expiry::lastLeaf)
                .containsExactly(tuple(5L, 6L), tuple(7L, 7L));
        sequencer.sequencePending();
        var report = verifier.verify(firm, null);
        assertThat(report.problems()).isEmpty();
        assertThat(report.leaves()).isEqualTo(11);
        assertThat(TenantContext.callAs(firm, null, () -> retention.expiredRanges()))
                .extracting(AuditRetention.ExpiredRange::firstLeaf)
                .isEqualTo(List.of(0L, 2L, 4L, 5L, 7L));
    }

    private void append(TenantId firm, int count) {
        audit.appendEachSequenced(firm, count, clock);
    }
}
