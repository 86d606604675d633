package io.lexvault.audit;

import io.lexvault.audit.internal.AuditSequencer;
import io.lexvault.audit.internal.CheckpointNotes;
import io.lexvault.crypto.ServerSigningKeys;
import io.lexvault.web.PublicAddress;
import org.springframework.stereotype.Component;

/**
 * The audit log's Ed25519 key, for other modules that sign statements a firm's customers verify with
 * the same published key (answer receipts): one key to publish, to pin and to check, at
 * {@code /.well-known/lexvault-audit-keys}.
 *
 * <p>Signing two kinds of message with one key is safe only when no message of one kind can be read
 * as one of the other: a checkpoint's signed body starts with its origin (a host name), and whatever
 * is signed through here must not — answer receipts are JSON objects, starting with '{'.
 */
@Component
public class AuditSigningKey {

    private final ServerSigningKeys keys;
    private final String keyName;

    AuditSigningKey(ServerSigningKeys keys, PublicAddress publicAddress) {
        this.keys = keys;
        this.keyName = CheckpointNotes.keyName(publicAddress.publicUrl());
    }

    /** Signs {@code message}, which must start with '{' (see the class comment). */
    public byte[] sign(byte[] message) {
        if (message.length == 0 || message[0] != '{') {
            throw new IllegalArgumentException("Only JSON objects are signed with the audit key besides checkpoints");
        }
        return keys.forPurpose(AuditSequencer.CHECKPOINT_KEY).sign(message);
    }

    /** The raw 32-byte Ed25519 public key. */
    public byte[] publicKey() {
        return keys.forPurpose(AuditSequencer.CHECKPOINT_KEY).publicKey();
    }

    /** The key's name in signed notes, e.g. {@code lexvault.example/lexvault/audit}. */
    public String keyName() {
        return keyName;
    }

    /**
     * "name+hex(key hash)": the first two fields of the published verifier key, naming the key without
     * being it.
     */
    public String keyId() {
        String verifierKey = verifierKey();
        // The name holds no '+' (CheckpointNotes.keyName) but the base64 key may: cut after the hash.
        return verifierKey.substring(0, verifierKey.indexOf('+', verifierKey.indexOf('+') + 1));
    }

    /** The verifier key as {@code /.well-known/lexvault-audit-keys} publishes it (signed-note format). */
    public String verifierKey() {
        return CheckpointNotes.verifierKey(keyName, publicKey());
    }
}
