package io.lexvault.audit;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark only (AuditedActionBenchmark puts it in its second application context, never in the
 * product): a ledger that records nothing, so that the same action can be measured with and without
 * its audit write. Still transactional like the real one, so only the writes differ.
 */
class UnauditedLedger extends AuditLedger {

    UnauditedLedger(JdbcClient jdbc, JsonMapper json) {
        super(new AuditEventRepository(jdbc, json), java.time.Clock.systemUTC());
    }

    @Override
    public UUID append(AuditRecord record) {
        return UUID.randomUUID();
    }

    @Override
    public UUID appendWithoutFirm(AuditRecord record) {
        return UUID.randomUUID();
    }
}
