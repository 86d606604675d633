package io.lexvault.audit.internal;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditLedger;
import io.lexvault.audit.AuditRecord;
import io.lexvault.crypto.KeyEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes the crypto module's key operations into the audit log, in the transaction that did them
 * (synchronous listener: a failure to record rolls the operation back). A firm's events go to its own
 * log; the signing keys' re-wrap, which belongs to no firm, to the server's. Key ids and counts only.
 */
@Component
class KeyEventsRecorder {

    /** Key operations are operator commands: the command line is their only way in. */
    private static final String VIA = "command_line";

    private final AuditLedger ledger;

    KeyEventsRecorder(AuditLedger ledger) {
        this.ledger = ledger;
    }

    @EventListener
    void record(KeyEvent event) {
        switch (event) {
            case KeyEvent.Rotated rotated -> {
                var details = new LinkedHashMap<String, String>();
                details.put("via", VIA);
                for (var rotation : rotated.rotations()) {
                    details.put(
                            rotation.purpose() + "_primary_key_id", Integer.toUnsignedString(rotation.primaryKeyId()));
                }
                ledger.append(AuditRecord.bySystem(AuditAction.KEYS_ROTATED, Instant.now(), details));
            }
            case KeyEvent.Destroyed destroyed ->
                ledger.append(AuditRecord.bySystem(
                        AuditAction.KEYS_DESTROYED,
                        Instant.now(),
                        Map.of("via", VIA, "keysets", Integer.toString(destroyed.keysets()))));
            // A firm's keysets are in the firm's log; the server's signing keys belong to no firm.
            case KeyEvent.FirmRewrapped rewrapped ->
                ledger.append(rootRotated(rewrapped.rootKeyId(), "keysets", rewrapped.keysets()));
            case KeyEvent.SigningKeysRewrapped rewrapped ->
                ledger.appendWithoutFirm(rootRotated(rewrapped.rootKeyId(), "signing_keys", rewrapped.keys()));
        }
    }

    /** keys.root_rotated: the new root key's id and how many keys of one kind were re-wrapped, no key material. */
    private static AuditRecord rootRotated(int rootKeyId, String rewrapped, int count) {
        return AuditRecord.bySystem(
                AuditAction.KEYS_ROOT_ROTATED,
                Instant.now(),
                Map.of(
                        "via",
                        VIA,
                        "root_key_id",
                        Integer.toUnsignedString(rootKeyId),
                        rewrapped,
                        Integer.toString(count)));
    }
}
