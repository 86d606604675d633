package io.lexvault.assistant.receipts;

import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditRecord;
import io.lexvault.audit.RequestAudit;
import io.lexvault.crypto.FieldEncryption;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.text.HumanText;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.Refusal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link MatterNotes}: a saved answer, encrypted with the firm's field keyset like document text (the
 * associated data names firm, matter, note and part), with the receipt of what it was built from. The
 * only place any answer is kept, and only because a person chose to keep it. Saving is audited with the
 * note and receipt ids; the title and answer never reach the audit log.
 */
@Service
public class EncryptedMatterNotes implements MatterNotes {

    private static final Logger log = LoggerFactory.getLogger(EncryptedMatterNotes.class);

    public static final int MAX_TITLE = 200;
    public static final int MAX_ANSWER = 100_000;
    static final int MAX_LISTED = 200;

    /**
     * A saved answer as its matter's page shows it; {@code readable} is false (title and answer empty) when
     * its ciphertext does not decrypt for this firm, matter and note — moved or altered in the database.
     */
    public record SavedNote(
            UUID id, UUID authorId, UUID receiptId, Instant createdAt, String title, String answer, boolean readable) {}

    private final MatterNoteRepository notes;
    private final ReceiptRepository receipts;
    private final Matters matters;
    private final FieldEncryption encryption;
    private final RequestAudit audit;
    private final Clock clock;
    private final TransactionTemplate transactions;

    EncryptedMatterNotes(
            MatterNoteRepository notes,
            ReceiptRepository receipts,
            Matters matters,
            FieldEncryption encryption,
            RequestAudit audit,
            Clock clock,
            TransactionTemplate transactions) {
        this.notes = notes;
        this.receipts = receipts;
        this.matters = matters;
        this.encryption = encryption;
        this.audit = audit;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * @throws MatterNotVisibleException (404) for a matter the caller may not see
     * @throws ReceiptNotVisibleException (404) for a receipt the caller may not see or of another matter
     * @throws io.lexvault.text.InvalidTextException (400) for a title that is not acceptable text
     */
    @Override
    @Transactional
    public UUID saveAnswer(UUID matterId, String title, String answerMarkdown, UUID receiptId) {
        TenantId tenant = TenantContext.requireTenant();
        UUID author = TenantContext.current()
                .map(TenantContext.Binding::actingUser)
                .orElseThrow(() -> new IllegalStateException("Only a person saves an answer"));
        var matter = matters.find(new MatterId(matterId)).orElseThrow(MatterNotVisibleException::new);
        String checkedTitle = HumanText.line("title", title, MAX_TITLE);
        checkAnswer(answerMarkdown);
        receipts.find(tenant, receiptId)
                .filter(receipt -> receipt.matterId().equals(matterId))
                .orElseThrow(ReceiptNotVisibleException::new);
        UUID id = UUID.randomUUID();
        notes.insert(
                tenant,
                new MatterNoteRepository.StoredNote(
                        id,
                        matterId,
                        author,
                        receiptId,
                        clock.instant().truncatedTo(ChronoUnit.MICROS),
                        seal(checkedTitle, matterId, id, "title"),
                        seal(answerMarkdown, matterId, id, "answer")),
                matter.client().value());
        audit.succeededInTransaction(
                CallerPermissions.signedIn() ? audit.caller() : AuditRecord.Actor.user(author),
                AuditAction.ASSISTANT_ANSWER_SAVED,
                "matter_note",
                id,
                matterId,
                matter.client().value(),
                Map.of("receipt", receiptId.toString()));
        return id;
    }

    /**
     * The saved answers of a matter the caller may see, newest first.
     *
     * @throws MatterNotVisibleException (404) for a matter the caller may not see
     */
    public List<SavedNote> ofMatter(UUID matterId) {
        TenantId tenant = TenantContext.requireTenant();
        // Read in one transaction, decrypted after it, each in its own: a note that fails to decrypt must
        // not mark a shared transaction rollback-only and take the whole list down with it.
        var stored = transactions.execute(status -> {
            matters.find(new MatterId(matterId)).orElseThrow(MatterNotVisibleException::new);
            return notes.ofMatter(tenant, matterId, MAX_LISTED);
        });
        return stored == null
                ? List.of()
                : stored.stream().map(note -> saved(note, matterId)).toList();
    }

    /** One note decrypted; a note that does not decrypt is shown as such, not hidden and not fatal to the list. */
    private SavedNote saved(MatterNoteRepository.StoredNote note, UUID matterId) {
        try {
            return new SavedNote(
                    note.id(),
                    note.authorId(),
                    note.receiptId(),
                    note.createdAt(),
                    open(note.title(), matterId, note.id(), "title"),
                    open(note.body(), matterId, note.id(), "answer"),
                    true);
        } catch (IllegalStateException e) {
            // Tampering or a restore mix-up, worth an operator's attention; the note's id only, never text.
            log.warn("Matter note {} does not decrypt for its firm, matter and id", note.id());
            return new SavedNote(note.id(), note.authorId(), note.receiptId(), note.createdAt(), "", "", false);
        }
    }

    /**
     * The answer is the assistant's output, not typed text: any characters a document quoted may be in
     * it, and it is only ever shown escaped. Bounded, and whole Unicode (it is stored as UTF-8).
     */
    private static void checkAnswer(String answer) {
        if (answer.isBlank() || answer.length() > MAX_ANSWER) {
            throw new AnswerRefusedException();
        }
        for (int i = 0; i < answer.length(); i++) {
            char c = answer.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < answer.length()
                    && Character.isLowSurrogate(answer.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new AnswerRefusedException();
            }
        }
    }

    private byte[] seal(String text, UUID matter, UUID note, String part) {
        return encryption.encrypt(text.getBytes(StandardCharsets.UTF_8), context(matter, note, part));
    }

    private String open(byte[] ciphertext, UUID matter, UUID note, String part) {
        return new String(encryption.decrypt(ciphertext, context(matter, note, part)), StandardCharsets.UTF_8);
    }

    private static String context(UUID matter, UUID note, String part) {
        return "matter-note:" + matter + ":" + note + ":" + part;
    }

    /** An answer that is empty, longer than {@value #MAX_ANSWER} characters or not whole Unicode (400). */
    static final class AnswerRefusedException extends Refusal {
        AnswerRefusedException() {
            super(Reason.INVALID, "The answer to save must be 1 to " + MAX_ANSWER + " characters of text.");
        }
    }
}
