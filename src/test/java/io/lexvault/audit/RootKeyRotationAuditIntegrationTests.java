package io.lexvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.crypto.FieldEncryption;
import io.lexvault.crypto.RootKeyRotation;
import io.lexvault.crypto.ServerSigningKeys;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.FirmTest;
import io.lexvault.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/** A root key rotation (`lexvault keys rotate-root`) records keys.root_rotated in each re-wrapped firm's log, without key material. */
// MockMvc and the throttle setting go unused here; declaring them lets this class share the web tests' context.
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class RootKeyRotationAuditIntegrationTests extends FirmTest {

    @Autowired
    RootKeyRotation rotation;

    @Autowired
    FieldEncryption fields;

    @Autowired
    AuditTrail trail;

    @Autowired
    ServerSigningKeys signingKeys;

    @Test
    void eachRewrappedFirmLogsTheNewRootKeyIdAndHowManyKeysetsButNoKeyMaterial() {
        var firm = aFirm("Audited");
        var untouched = aFirm("Keyless");
        TenantContext.callAs(firm, null, () -> fields.encrypt("x".getBytes(StandardCharsets.UTF_8), "ctx"));
        signingKeys.forPurpose("audit-" + TestDatabase.randomName());

        var outcome = rotation.rotate();

        var events = TenantContext.callAs(
                firm, null, () -> trail.page(rootRotations(), AuditTrail.Order.NEWEST_FIRST, 0, 10));
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().actorType()).isEqualTo("system");
        assertThat(events.getFirst().details())
                .isEqualTo(Map.of(
                        "via",
                        "command_line",
                        "root_key_id",
                        Integer.toUnsignedString(outcome.rootKeyId()),
                        "keysets",
                        "1"));
        // A firm without keysets had nothing re-wrapped, and nothing is claimed in its log.
        assertThat(TenantContext.callAs(
                        untouched, null, () -> trail.page(rootRotations(), AuditTrail.Order.NEWEST_FIRST, 0, 10)))
                .isEmpty();
    }

    /** LexVault's signing keys belong to no firm: their re-wrap is in the server's own log. */
    @Test
    void theSigningKeysRewrapIsInTheServersLog() throws Exception {
        signingKeys.forPurpose("audit-" + TestDatabase.randomName());

        var outcome = rotation.rotate();

        assertThat(outcome.signingKeys()).isPositive();
        try (var admin = TestDatabase.shared().administrator().connect();
                var query = admin.prepareStatement("SELECT details::text FROM lexvault.audit_server_events"
                        + " WHERE action = 'keys.root_rotated' AND details->>'root_key_id' = ?")) {
            query.setString(1, Integer.toUnsignedString(outcome.rootKeyId()));
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1))
                        .isEqualTo("{\"via\": \"command_line\", \"root_key_id\": \""
                                + Integer.toUnsignedString(outcome.rootKeyId()) + "\", \"signing_keys\": \""
                                + outcome.signingKeys() + "\"}");
            }
        }
    }

    private static AuditTrail.Filter rootRotations() {
        return new AuditTrail.Filter(null, AuditAction.KEYS_ROOT_ROTATED, null, null, null, null, null);
    }
}
