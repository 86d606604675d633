package io.lexvault.assistant.receipts;

import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.audit.AuditSigningKey;
import io.lexvault.matters.Matter;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link AnswerReceipts} signed with the audit log's Ed25519 key ({@link AuditSigningKey}, published at
 * {@code /.well-known/lexvault-audit-keys}), so a firm's customers check receipts against the one key
 * they already pin for the audit log. The canonical JSON is {@link ReceiptFormat}.
 *
 * <p>Walls: a receipt is issued only for the caller, on a matter they see now; it is found only in the
 * caller's firm on a matter they see now — checked here and again by the table's row-level security and
 * matter wall.
 */
@Service
class SignedAnswerReceipts implements AnswerReceipts {

    static final int MAX_TEXT = 200;
    static final int MAX_PASSAGES = 200;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final ReceiptRepository receipts;
    private final Matters matters;
    private final AuditSigningKey key;
    private final Clock clock;

    SignedAnswerReceipts(ReceiptRepository receipts, Matters matters, AuditSigningKey key, Clock clock) {
        this.receipts = receipts;
        this.matters = matters;
        this.key = key;
        this.clock = clock;
    }

    @Override
    @Transactional
    public SignedReceipt issue(ReceiptContent content) {
        TenantId tenant = TenantContext.requireTenant();
        UUID caller =
                TenantContext.current().map(TenantContext.Binding::actingUser).orElse(null);
        if (caller == null || !caller.equals(content.askerId())) {
            // A receipt attests who asked: nobody signs one in another person's name.
            throw new IllegalArgumentException("A receipt is issued only for the person asking");
        }
        check(content);
        var matter = matters.find(new MatterId(content.matterId())).orElseThrow(MatterNotVisibleException::new);
        UUID id = UUID.randomUUID();
        String keyId = key.keyId();
        byte[] json = ReceiptFormat.canonicalJson(id, tenant.value(), keyId, content);
        var signed = new SignedReceipt(id, json, key.sign(json), keyId);
        receipts.insert(
                tenant,
                signed,
                matter.id().value(),
                matter.client().value(),
                content.askerId(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        return signed;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<SignedReceipt> find(UUID receiptId) {
        return findOnMatter(receiptId).map(Found::receipt);
    }

    /** A receipt the caller may see, with its matter. */
    record Found(SignedReceipt receipt, Matter matter) {}

    @Transactional(readOnly = true)
    Optional<Found> findOnMatter(UUID receiptId) {
        TenantId tenant = TenantContext.requireTenant();
        // The database's wall already hides walled rows; the application's check is the first wall.
        return receipts.find(tenant, receiptId)
                .flatMap(stored -> matters.find(new MatterId(stored.matterId()))
                        .map(matter -> new Found(stored.receipt(), matter)));
    }

    /** The published key the receipts are signed with, as {@code /.well-known/lexvault-audit-keys} shows it. */
    String verifierKey() {
        return key.verifierKey();
    }

    /** What a receipt states must be plain and bounded: it is signed, and shown by a verifier as it is. */
    private static void check(ReceiptContent content) {
        text("provider", content.provider());
        text("model", content.model());
        text("promptTemplateVersion", content.promptTemplateVersion());
        content.askerRoles().forEach(role -> text("askerRoles", role));
        if (content.promptTokens() < 0 || content.answerTokens() < 0) {
            throw new IllegalArgumentException("Token counts cannot be negative");
        }
        if (content.passages().size() > MAX_PASSAGES) {
            throw new IllegalArgumentException("Too many passages for one receipt");
        }
        for (var passage : content.passages()) {
            if (passage.version() < 1) {
                throw new IllegalArgumentException("A passage's document version starts at 1");
            }
            if (!SHA256_HEX.matcher(passage.sha256()).matches()) {
                throw new IllegalArgumentException("A passage's hash is 64 lower-case hex digits (SHA-256)");
            }
        }
    }

    private static void text(String field, String value) {
        if (value.isBlank()
                || value.length() > MAX_TEXT
                || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f || Character.isSurrogate((char) c))) {
            throw new IllegalArgumentException(
                    "Receipt field " + field + " must be 1 to " + MAX_TEXT + " printable characters");
        }
    }
}
