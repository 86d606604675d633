package io.lexvault.audit.web;

import io.lexvault.audit.internal.AuditSequencer;
import io.lexvault.audit.internal.CheckpointNotes;
import io.lexvault.crypto.ServerSigningKeys;
import io.lexvault.web.PublicAddress;
import io.lexvault.web.PublicEndpoint;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The audit log's public key, in the signed-note verifier-key format, for anyone checking checkpoints. */
@RestController
class AuditKeysEndpoint {

    private final ServerSigningKeys keys;
    private final String publicUrl;

    AuditKeysEndpoint(ServerSigningKeys keys, PublicAddress publicAddress) {
        this.keys = keys;
        this.publicUrl = publicAddress.publicUrl();
    }

    @GetMapping(path = "/.well-known/lexvault-audit-keys", produces = MediaType.TEXT_PLAIN_VALUE)
    @PublicEndpoint("a public key is meant to be public: anyone may verify the firms' audit checkpoints")
    String keys() {
        return CheckpointNotes.verifierKey(
                        CheckpointNotes.keyName(publicUrl),
                        keys.forPurpose(AuditSequencer.CHECKPOINT_KEY).publicKey())
                + "\n";
    }
}
