package io.lexvault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lexvault.audit.internal.AuditSequencer;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;
import io.lexvault.testsupport.Firms;
import io.lexvault.testsupport.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Events become leaves: every committed event exactly once, numbered without gaps, per firm. */
@SpringBootTest
class AuditSequencerIntegrationTests {

    @Autowired
    Tenants tenants;

    @Autowired
    AuditLedger ledger;

    @Autowired
    AuditSequencer sequencer;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    private static AuditRecord anEvent(int n) {
        return new AuditRecord(
                AuditAction.MATTER_CHANGED,
                AuditOutcome.SUCCESS,
                Instant.now(),
                AuditRecord.Actor.SYSTEM,
                null,
                null,
                null,
                null,
                null,
                Map.of("n", String.valueOf(n)));
    }

    @Test
    void concurrentAppendsInSeveralFirmsLeaveNoGapAndNoDuplicate() throws Exception {
        var firms = new ArrayList<TenantId>();
        for (int f = 0; f < 3; f++) {
            firms.add(Firms.aFirm(tenants, "Ledger " + TestDatabase.randomName()));
        }
        var pool = Executors.newFixedThreadPool(8);
        try {
            var work = new ArrayList<Callable<Integer>>();
            for (int t = 0; t < 12; t++) {
                var firm = firms.get(t % firms.size());
                int thread = t;
                work.add(() -> {
                    for (int i = 0; i < 20; i++) {
                        int n = thread * 100 + i;
                        TenantContext.runAs(
                                firm,
                                null,
                                () -> transactions.executeWithoutResult(status -> ledger.append(anEvent(n))));
                    }
                    return 20;
                });
                // Sequencers run alongside the writers, as they would on several nodes.
                work.add(sequencer::sequencePending);
            }
            for (var future : pool.invokeAll(work)) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        sequencer.sequencePending();
        for (var firm : firms) {
            var counts = TenantContext.callAs(
                    firm,
                    null,
                    () -> transactions.execute(status -> jdbc.sql("""
                            SELECT (SELECT count(*) FROM lexvault.audit_events WHERE tenant_id = :t) AS events,
                                   (SELECT count(*) FROM lexvault.audit_leaves WHERE tenant_id = :t) AS leaves,
                                   (SELECT count(DISTINCT leaf_index) FROM lexvault.audit_leaves WHERE tenant_id = :t) AS indices,
                                   (SELECT coalesce(max(leaf_index), -1) + 1 FROM lexvault.audit_leaves WHERE tenant_id = :t) AS size,
                                   (SELECT count(*) FROM lexvault.audit_queue WHERE tenant_id = :t) AS waiting
                            """)
                            .param("t", firm.value())
                            .query((row, n) -> List.of(
                                    row.getLong("events"),
                                    row.getLong("leaves"),
                                    row.getLong("indices"),
                                    row.getLong("size"),
                                    row.getLong("waiting")))
                            .single()));
            assertThat(counts.get(0)).as("events").isEqualTo(80);
            assertThat(counts.subList(1, 4))
                    .as("leaves, distinct indices, size")
                    .containsOnly(80L);
            assertThat(counts.get(4)).as("still queued").isZero();
        }
    }

    @Test
    void leavesCannotBeChangedOnceWritten() throws Exception {
        var firm = Firms.aFirm(tenants, "Ledger " + TestDatabase.randomName());
        TenantContext.runAs(firm, null, () -> transactions.executeWithoutResult(status -> ledger.append(anEvent(1))));
        sequencer.sequencePending();
        try (var admin = TestDatabase.shared().administrator().connect();
                var statement = admin.createStatement()) {
            assertThatThrownBy(() -> statement.execute("UPDATE lexvault.audit_leaves SET leaf_hash = sha256('x')"
                            + " WHERE tenant_id = '" + firm + "'"))
                    .hasMessageContaining("append-only");
        }
    }
}
