package io.lexvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.crypto.FieldEncryption;
import io.lexvault.crypto.FirmKeys;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.AuditFilters;
import io.lexvault.testsupport.FirmTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * `lexvault keys rotate` and `lexvault firm destroy-keys`: the crypto module's key operations are in
 * the firm's audit log, with key ids and counts only, whoever calls them.
 */
// MockMvc and the throttle setting go unused here; declaring them lets this class share the web tests' context.
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class FirmKeysAuditIntegrationTests extends FirmTest {

    @Autowired
    FirmKeys keys;

    @Autowired
    FieldEncryption fields;

    @Autowired
    AuditTrail trail;

    @Test
    void rotatingAFirmsKeysLogsKeysRotatedWithTheNewPrimaryKeyIds() {
        var firm = aFirm("Rotating");

        List<FirmKeys.Rotation> rotations = TenantContext.callAs(firm, null, keys::rotate);

        var events = events(firm, AuditAction.KEYS_ROTATED);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().actorType()).isEqualTo("system");
        assertThat(events.getFirst().details())
                .isEqualTo(Map.of(
                        "via",
                        "command_line",
                        "fields_primary_key_id",
                        Integer.toUnsignedString(rotations.get(0).primaryKeyId()),
                        "documents_primary_key_id",
                        Integer.toUnsignedString(rotations.get(1).primaryKeyId())));
    }

    @Test
    void destroyingAFirmsKeysLogsKeysDestroyedWithHowMany() {
        var firm = aFirm("Shredding");
        TenantContext.callAs(firm, null, () -> fields.encrypt("x".getBytes(StandardCharsets.UTF_8), "ctx"));

        int destroyed = TenantContext.callAs(firm, null, keys::destroy);

        var events = events(firm, AuditAction.KEYS_DESTROYED);
        assertThat(destroyed).isEqualTo(1);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().actorType()).isEqualTo("system");
        assertThat(events.getFirst().details()).isEqualTo(Map.of("via", "command_line", "keysets", "1"));
    }

    private List<AuditTrail.Event> events(TenantId firm, AuditAction action) {
        return TenantContext.callAs(
                firm, null, () -> trail.page(AuditFilters.action(action), AuditTrail.Order.NEWEST_FIRST, 0, 10));
    }
}
