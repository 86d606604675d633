package io.lexvault.audit.internal;

import io.lexvault.audit.AuditLog;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Signed checkpoints on demand: what an auditor takes away to prove later that history did not change. */
@Component
public class AuditCheckpoints {

    private final AuditSequencer sequencer;
    private final AuditLog log;

    AuditCheckpoints(AuditSequencer sequencer, AuditLog log) {
        this.sequencer = sequencer;
        this.log = log;
    }

    /**
     * Takes the bound firm's waiting events into its log now and returns the checkpoint that covers
     * them (the latest one; empty only while the firm's log has no events at all).
     */
    public Optional<AuditLog.Checkpoint> signNow() {
        sequencer.sequenceBoundFirmNow();
        return log.latestCheckpoint();
    }
}
