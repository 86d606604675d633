package io.lexvault.assistant.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.access.Member;
import io.lexvault.audit.AuditAction;
import io.lexvault.matters.MatterId;
import io.lexvault.testsupport.AuditFilters;
import io.lexvault.testsupport.AuditTampering;
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
 * Saved answers: encrypted in the table (no plain text of title or answer in any column), audited
 * without their text, shown escaped on the matter's notes page with a link to the receipt, and behind
 * the same walls as the matter, in the application and for raw SQL as the runtime role.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class MatterNotesIntegrationTests extends FirmWithMattersTest {

    static final String MARKER = "Quillfeather-" + UUID.randomUUID();

    @Autowired
    AnswerReceipts receipts;

    @Autowired
    MatterNotes notes;

    @Autowired
    io.lexvault.audit.AuditSigningKey auditKey;

    People.Person attorney;
    People.Person screened;
    People.Person outsider;
    MatterId open;
    MatterId walled;

    @BeforeEach
    void aFirmWithAnOpenAndAWalledMatter() {
        firm = aFirm("Notes");
        var admin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        attorney = withRole(firm, BuiltInRole.ATTORNEY);
        screened = withRole(firm, BuiltInRole.ATTORNEY);
        var client = client(admin, "Acme Holdings");
        open = matter(admin, client, "N-1", "Acme share deal");
        walled = matter(admin, client, "N-2", "Acme tender");
        for (var matter : List.of(open, walled)) {
            onTeam(admin, matter, Member.user(attorney.id()), Member.user(screened.id()));
        }
        wall(admin, walled, null, "Acted for a bidder", Member.user(screened.id()));
        outsider = withRole(aFirm("Elsewhere"), BuiltInRole.ADMINISTRATOR);
    }

    UUID receipt(MatterId matter) {
        return as(
                attorney,
                () -> receipts.issue(new ReceiptContent(
                                matter.value(),
                                attorney.id().value(),
                                List.of("attorney"),
                                List.of(),
                                "offline",
                                "extractive-v1",
                                "answer-v1",
                                0,
                                0,
                                Instant.now()))
                        .id());
    }

    @Test
    void aSavedAnswerIsEncryptedAuditedWithoutItsTextAndShownEscapedWithItsReceipt() throws Exception {
        UUID receipt = receipt(open);
        String answer = "The price is due on completion [1]. " + MARKER + " <script>alert(1)</script>";
        UUID note = as(attorney, () -> notes.saveAnswer(open.value(), "Price " + MARKER, answer, receipt));

        var stored = sqlAs(
                attorney,
                jdbc -> jdbc.sql("SELECT title_ciphertext, body_ciphertext FROM lexvault.matter_notes WHERE id = :id")
                        .param("id", note)
                        .query((row, n) -> List.of(row.getBytes(1), row.getBytes(2)))
                        .single());
        for (byte[] column : stored) {
            assertThat(new String(column, StandardCharsets.ISO_8859_1)).doesNotContain("Quillfeather");
            assertThat(new String(column, StandardCharsets.UTF_8)).doesNotContain("Quillfeather");
        }
        assertThat(countAs(
                        attorney,
                        "SELECT count(*) FROM lexvault.matter_notes n WHERE n.id = :id AND (n::text LIKE '%Quillfeather%')",
                        Map.of("id", note)))
                .as("no column of the row holds the text")
                .isZero();

        var saved = events(AuditFilters.onTarget(AuditAction.ASSISTANT_ANSWER_SAVED, note));
        assertThat(saved).hasSize(1);
        assertThat(saved.getFirst().details()).isEqualTo(Map.of("receipt", receipt.toString()));
        assertThat(saved.getFirst().matterId()).isEqualTo(open.value());

        var session = http.signIn(attorney);
        String page = http.page(session, "/matters/" + open.value() + "/notes");
        assertThat(page)
                .contains("Price " + MARKER)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)")
                .contains("/api/v1/assistant/receipts/" + receipt);
        assertThat(http.page(session, "/matters/" + open.value())).contains("/matters/" + open.value() + "/notes");
    }

    @Test
    void aDatabaseSuperuserCanNeitherMoveANotesCiphertextNorForgeAReceipt() throws Exception {
        UUID receipt = receipt(open);
        UUID first = as(attorney, () -> notes.saveAnswer(open.value(), "First", "First answer", receipt));
        UUID second = as(attorney, () -> notes.saveAnswer(open.value(), "Second", "Second answer", receipt));
        AuditTampering.tamper(superuser -> {
            try (var statement = superuser.prepareStatement("""
                    UPDATE lexvault.matter_notes
                       SET body_ciphertext = (SELECT body_ciphertext FROM lexvault.matter_notes WHERE id = ?)
                     WHERE id = ?""")) {
                statement.setObject(1, first);
                statement.setObject(2, second);
                assertThat(statement.executeUpdate()).isOne();
            }
            AuditTampering.update(
                    superuser,
                    "UPDATE lexvault.assistant_receipts SET canonical_json = convert_to(replace(convert_from("
                            + "canonical_json, 'UTF8'), '\"promptTokens\":0', '\"promptTokens\":9'), 'UTF8') WHERE id = ?",
                    receipt);
        });
        var listed = as(attorney, () -> ((EncryptedMatterNotes) notes).ofMatter(open.value()));
        assertThat(listed)
                .as("the associated data names the note: a ciphertext moved to another note does not decrypt")
                .anySatisfy(note -> {
                    assertThat(note.id()).isEqualTo(second);
                    assertThat(note.readable()).isFalse();
                    assertThat(note.answer()).isEmpty();
                })
                .anySatisfy(note -> {
                    assertThat(note.id()).isEqualTo(first);
                    assertThat(note.answer()).isEqualTo("First answer");
                });
        assertThat(http.page(http.signIn(attorney), "/matters/" + open.value() + "/notes"))
                .contains("A note that cannot be read")
                .contains("First answer")
                .doesNotContain("Second");
        var forged = as(attorney, () -> receipts.find(receipt)).orElseThrow();
        assertThat(new String(forged.canonicalJson(), StandardCharsets.UTF_8)).contains("\"promptTokens\":9");
        assertThat(ReceiptVerification.verify(
                                json.writeValueAsBytes(ReceiptFile.of(forged, auditKey.verifierKey())),
                                auditKey.verifierKey())
                        .outcome())
                .as("a receipt changed in the database no longer verifies")
                .isEqualTo(ReceiptVerification.Outcome.TAMPERED);
    }

    @Test
    void notesStayBehindTheMattersWallsAndTakeOnlyAReceiptOfTheirOwnMatter() throws Exception {
        UUID onWalled = receipt(walled);
        UUID note = as(attorney, () -> notes.saveAnswer(walled.value(), "Tender view", "Walled answer", onWalled));
        UUID onOpen = receipt(open);

        assertThatThrownBy(() -> as(attorney, () -> notes.saveAnswer(open.value(), "Mixed", "Answer", onWalled)))
                .isInstanceOf(ReceiptNotVisibleException.class);
        assertThatThrownBy(() -> as(screened, () -> notes.saveAnswer(walled.value(), "Mine", "Answer", onWalled)))
                .isInstanceOf(MatterNotVisibleException.class);
        assertThatThrownBy(() -> as(outsider, () -> notes.saveAnswer(open.value(), "Theirs", "Answer", onOpen)))
                .isInstanceOf(MatterNotVisibleException.class);

        assertThat(http.status(http.signIn(screened), "/matters/" + walled.value() + "/notes"))
                .isEqualTo(404);
        assertThat(http.status(http.signIn(outsider), "/matters/" + open.value() + "/notes"))
                .isEqualTo(404);
        String count = "SELECT count(*) FROM lexvault.matter_notes WHERE id = :id";
        assertThat(countAs(attorney, count, Map.of("id", note))).isEqualTo(1);
        assertThat(countAs(screened, count, Map.of("id", note)))
                .as("the matter wall")
                .isZero();
        assertThat(runtimeSql.count(outsider.firm(), outsider, count, Map.of("id", note)))
                .as("row-level security")
                .isZero();
    }
}
