package io.lexvault.matters.parties;

import io.lexvault.access.Callers;
import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.RequestAudit;
import io.lexvault.identity.UserId;
import io.lexvault.matters.Matter;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.text.HumanText;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The parties of a matter, for those who may see the matter: one they may not see (another firm's,
 * behind a wall, outside their teams) is {@link MatterNotVisibleException} (404) with the refused look
 * recorded, exactly as for the matter itself ({@link Matters#requested}). Changes are audited with
 * ids, kind and role, never a party's name or notes.
 */
@Service
public class Parties {

    /** One page of a matter's parties. */
    public record Page(List<Party> items, int page, int size, long total) {}

    public static final int MAX_PAGE_SIZE = 100;

    private final Matters matters;
    private final PartyRepository repository;
    private final Callers callers;
    private final RequestAudit audit;
    private final TransactionTemplate transactions;

    Parties(
            Matters matters,
            PartyRepository repository,
            Callers callers,
            RequestAudit audit,
            TransactionTemplate transactions) {
        this.matters = matters;
        this.repository = repository;
        this.callers = callers;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * The matter's parties ordered by {@code sort} ({@code name} or {@code role}); {@code page} counts
     * from 0.
     */
    public Page list(MatterId matter, String sort, int page, int size) {
        var order = switch (sort) {
            case "name" -> PartyRepository.Order.NAME;
            case "role" -> PartyRepository.Order.ROLE;
            default -> throw new IllegalArgumentException("sort is name or role.");
        };
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be at least 0 and size between 1 and " + MAX_PAGE_SIZE + ".");
        }
        // Outside any transaction: a refusal must be recorded in one of its own (see Matters.requested).
        var visible = matters.requested(matter);
        return Objects.requireNonNull(transactions.execute(status -> {
            var tenant = TenantContext.requireTenant();
            return new Page(
                    repository.list(tenant, visible.id(), order, size, (long) page * size),
                    page,
                    size,
                    repository.count(tenant, visible.id()));
        }));
    }

    /** Puts a party on the matter (audited). */
    public Party add(MatterId matter, String name, PartyKind kind, PartyRole role, @Nullable String notes) {
        String checkedName = checkedName(name);
        String checkedNotes = checkedNotes(notes);
        var visible = matters.requested(matter);
        return Objects.requireNonNull(transactions.execute(status -> {
            var tenant = TenantContext.requireTenant();
            var id = new PartyId(UUID.randomUUID());
            repository.insert(
                    tenant,
                    id,
                    visible,
                    checkedName,
                    kind,
                    role,
                    checkedNotes,
                    callers.actingUser().map(UserId::value).orElse(null));
            audit(AuditAction.MATTER_PARTY_ADDED, id, visible, kind, role);
            return repository.find(tenant, visible.id(), id).orElseThrow(MatterNotVisibleException::new);
        }));
    }

    /** Changes a party of the matter (audited); a party not on this matter is not found. */
    public Party change(
            MatterId matter, PartyId party, String name, PartyKind kind, PartyRole role, @Nullable String notes) {
        String checkedName = checkedName(name);
        String checkedNotes = checkedNotes(notes);
        var visible = matters.requested(matter);
        return Objects.requireNonNull(transactions.execute(status -> {
            var tenant = TenantContext.requireTenant();
            if (!repository.update(tenant, visible.id(), party, checkedName, kind, role, checkedNotes)) {
                throw new MatterNotVisibleException();
            }
            audit(AuditAction.MATTER_PARTY_CHANGED, party, visible, kind, role);
            return repository.find(tenant, visible.id(), party).orElseThrow(MatterNotVisibleException::new);
        }));
    }

    /** Takes a party off the matter (audited); a party not on this matter is not found. */
    public void remove(MatterId matter, PartyId party) {
        var visible = matters.requested(matter);
        transactions.executeWithoutResult(status -> {
            var tenant = TenantContext.requireTenant();
            var existing = repository.find(tenant, visible.id(), party).orElseThrow(MatterNotVisibleException::new);
            repository.delete(tenant, visible.id(), party);
            audit(AuditAction.MATTER_PARTY_REMOVED, party, visible, existing.kind(), existing.role());
        });
    }

    private void audit(AuditAction action, PartyId party, Matter matter, PartyKind kind, PartyRole role) {
        audit.succeededInTransaction(
                callers.actor(),
                action,
                "party",
                party.value(),
                matter.id().value(),
                matter.client().value(),
                Map.of("kind", kind.key(), "role", role.key()));
    }

    private static String checkedName(String name) {
        return HumanText.line("A party's name", name, 200);
    }

    private static @Nullable String checkedNotes(@Nullable String notes) {
        return HumanText.optionalLines("A party's notes", notes, 2000);
    }
}
