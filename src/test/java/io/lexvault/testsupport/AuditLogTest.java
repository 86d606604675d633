package io.lexvault.testsupport;

import io.lexvault.audit.AuditLog;
import io.lexvault.audit.AuditVerifier;
import io.lexvault.audit.internal.AuditSequencer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link FirmWebTest} about the audit log itself: the sequencer that makes leaves and checkpoints,
 * the log and its verifier, and plain SQL in a transaction for reading what was stored.
 */
public abstract class AuditLogTest extends FirmWebTest {

    @Autowired
    protected AuditSequencer sequencer;

    @Autowired
    protected AuditVerifier verifier;

    @Autowired
    protected AuditLog log;

    @Autowired
    protected TransactionTemplate transactions;

    @Autowired
    protected JdbcClient jdbc;
}
