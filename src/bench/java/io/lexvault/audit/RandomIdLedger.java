package io.lexvault.audit;

import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark only (AuditedActionBenchmark's "before" variant, never in the product): the ledger as it
 * was before issue 14's write changes, recording every event under a random (version 4) id instead of
 * a time-ordered one ({@link EventIds}), so that the two can be measured side by side in one run.
 */
class RandomIdLedger extends AuditLedger {

    RandomIdLedger(JdbcClient jdbc, JsonMapper json) {
        super(new AuditEventRepository(jdbc, json), Clock.systemUTC());
    }

    @Override
    public UUID append(AuditRecord record) {
        var id = UUID.randomUUID();
        append(id, record);
        return id;
    }
}
