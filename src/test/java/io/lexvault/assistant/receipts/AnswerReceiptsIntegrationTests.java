package io.lexvault.assistant.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.access.Member;
import io.lexvault.audit.AuditSigningKey;
import io.lexvault.matters.ClientId;
import io.lexvault.matters.MatterId;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.FirmWithMattersTest;
import io.lexvault.testsupport.People;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * Signed answer receipts: issued in the asker's name on a matter they see, signed with the audit key
 * and verifiable offline; found only in the caller's firm on a matter they see — another firm, a walled
 * person and raw SQL as the runtime role get nothing.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class AnswerReceiptsIntegrationTests extends FirmWithMattersTest {

    static final String HASH = "a".repeat(64);

    @Autowired
    AnswerReceipts receipts;

    @Autowired
    AuditSigningKey auditKey;

    People.Person attorney;
    People.Person screened;
    People.Person outsider;
    TenantId otherFirm;
    ClientId acme;
    MatterId open;
    MatterId walled;

    @BeforeEach
    void aFirmWithAnOpenAndAWalledMatter() {
        firm = aFirm("Receipts");
        var admin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        attorney = withRole(firm, BuiltInRole.ATTORNEY);
        screened = withRole(firm, BuiltInRole.ATTORNEY);
        acme = client(admin, "Acme Holdings");
        open = matter(admin, acme, "R-1", "Acme share deal");
        walled = matter(admin, acme, "R-2", "Acme tender");
        for (var matter : List.of(open, walled)) {
            onTeam(admin, matter, Member.user(attorney.id()), Member.user(screened.id()));
        }
        wall(admin, walled, null, "Acted for a bidder", Member.user(screened.id()));
        otherFirm = aFirm("Elsewhere");
        outsider = withRole(otherFirm, BuiltInRole.ADMINISTRATOR);
    }

    ReceiptContent content(People.Person asker, MatterId matter) {
        return new ReceiptContent(
                matter.value(),
                asker.id().value(),
                List.of("attorney", "administrator"),
                List.of(
                        new ReceiptPassage(UUID.randomUUID(), 2, UUID.randomUUID(), HASH),
                        new ReceiptPassage(UUID.randomUUID(), 1, UUID.randomUUID(), "0".repeat(64))),
                "offline",
                "extractive-v1",
                "answer-v1",
                1234,
                56,
                Instant.parse("2026-12-07T14:15:34.123456Z"));
    }

    @Test
    void aReceiptIsSignedCanonicalJsonThatVerifiesOfflineAndIsFoundAgain() {
        var signed = as(attorney, () -> receipts.issue(content(attorney, open)));

        String json = new String(signed.canonicalJson(), StandardCharsets.UTF_8);
        assertThat(json)
                .startsWith("{\"answerTokens\":56,\"answeredAt\":\"2026-12-07T14:15:34.123Z\",\"askerId\":\""
                        + attorney.id().value() + "\",\"askerRoles\":[\"administrator\",\"attorney\"],\"firmId\":\""
                        + firm.value() + "\",\"format\":\"lexvault-answer-receipt/1\"")
                .contains("\"passages\":[{\"chunkId\":")
                .contains("\"receiptId\":\"" + signed.id() + "\"")
                .doesNotContain(" ")
                .doesNotContain("\n");
        assertThat(signed.keyId()).isEqualTo(auditKey.keyId());

        var file = ReceiptFile.of(signed, auditKey.verifierKey());
        var result = ReceiptVerification.verify(json(file), auditKey.verifierKey());
        assertThat(result.outcome()).isEqualTo(ReceiptVerification.Outcome.VALID);

        var found = as(attorney, () -> receipts.find(signed.id())).orElseThrow();
        assertThat(found.canonicalJson()).isEqualTo(signed.canonicalJson());
        assertThat(found.signature()).isEqualTo(signed.signature());
        assertThat(found.keyId()).isEqualTo(signed.keyId());
    }

    @Test
    void nobodyGetsAReceiptIssuedInAnotherPersonsNameOrOnAMatterTheyDoNotSee() {
        assertThatThrownBy(() -> as(attorney, () -> receipts.issue(content(screened, open))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> as(screened, () -> receipts.issue(content(screened, walled))))
                .isInstanceOf(MatterNotVisibleException.class);
        assertThatThrownBy(() -> as(outsider, () -> receipts.issue(content(outsider, open))))
                .isInstanceOf(MatterNotVisibleException.class);
        var badHash = new ReceiptContent(
                open.value(),
                attorney.id().value(),
                List.of(),
                List.of(new ReceiptPassage(UUID.randomUUID(), 1, UUID.randomUUID(), "XYZ")),
                "offline",
                "m",
                "answer-v1",
                0,
                0,
                Instant.now());
        assertThatThrownBy(() -> as(attorney, () -> receipts.issue(badHash)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherFirmAWalledPersonAndTheRuntimeRoleInRawSqlFindNoReceipt() {
        var onOpen = as(attorney, () -> receipts.issue(content(attorney, open)));
        var onWalled = as(attorney, () -> receipts.issue(content(attorney, walled)));

        assertThat(as(screened, () -> receipts.find(onOpen.id()))).isPresent();
        assertThat(as(screened, () -> receipts.find(onWalled.id()))).isEmpty();
        assertThat(as(outsider, () -> receipts.find(onOpen.id()))).isEmpty();
        assertThat(as(outsider, () -> receipts.find(onWalled.id()))).isEmpty();

        String count = "SELECT count(*) FROM lexvault.assistant_receipts WHERE id = :id";
        assertThat(countAs(attorney, count, Map.of("id", onWalled.id()))).isEqualTo(1);
        assertThat(countAs(screened, count, Map.of("id", onWalled.id())))
                .as("the matter wall in the database")
                .isZero();
        assertThat(countAs(screened, count, Map.of("id", onOpen.id()))).isEqualTo(1);
        assertThat(runtimeSql.count(otherFirm, outsider, count, Map.of("id", onOpen.id())))
                .as("row-level security: another firm")
                .isZero();
        assertThat(runtimeSql.count(null, null, count, Map.of("id", onOpen.id())))
                .as("no firm bound: no rows")
                .isZero();
        // Append-only: the runtime role may not change or delete a receipt.
        assertThatThrownBy(() -> sqlAs(
                        attorney,
                        jdbc -> jdbc.sql("UPDATE lexvault.assistant_receipts SET key_id = 'x' WHERE id = :id")
                                .param("id", onOpen.id())
                                .update()))
                .rootCause()
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> sqlAs(
                        attorney,
                        jdbc -> jdbc.sql("DELETE FROM lexvault.assistant_receipts WHERE id = :id")
                                .param("id", onOpen.id())
                                .update()))
                .rootCause()
                .hasMessageContaining("permission denied");
    }

    @Test
    void aChangedReceiptOrSignatureFailsVerificationAndAnotherKeyIsTheWrongKey() throws Exception {
        var signed = as(attorney, () -> receipts.issue(content(attorney, open)));
        String key = auditKey.verifierKey();

        byte[] changed = new String(signed.canonicalJson(), StandardCharsets.UTF_8)
                .replace("\"promptTokens\":1234", "\"promptTokens\":1235")
                .getBytes(StandardCharsets.UTF_8);
        var tampered = ReceiptFile.of(new SignedReceipt(signed.id(), changed, signed.signature(), signed.keyId()), key);
        assertThat(ReceiptVerification.verify(json(tampered), key).outcome())
                .isEqualTo(ReceiptVerification.Outcome.TAMPERED);

        byte[] signature = signed.signature().clone();
        signature[10] ^= 1;
        var badSignature =
                ReceiptFile.of(new SignedReceipt(signed.id(), signed.canonicalJson(), signature, signed.keyId()), key);
        assertThat(ReceiptVerification.verify(json(badSignature), key).outcome())
                .isEqualTo(ReceiptVerification.Outcome.TAMPERED);

        var otherKey = com.google.crypto.tink.subtle.Ed25519Sign.KeyPair.newKeyPair();
        String otherVerifierKey = ReceiptVerificationTests.verifierKey(auditKey.keyName(), otherKey.getPublicKey());
        assertThat(ReceiptVerification.verify(json(ReceiptFile.of(signed, key)), otherVerifierKey)
                        .outcome())
                .isEqualTo(ReceiptVerification.Outcome.WRONG_KEY);
    }

    byte[] json(ReceiptFile file) {
        return this.json.writeValueAsBytes(file);
    }
}
