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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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

    /**
     * The matters with a party named like {@code name}, among the parties the database shows the acting
     * user (the bound firm's, never across a matter wall): search's {@code party:} prefix. Names are
     * compared as conflict checks compare them (diacritics, case, punctuation and legal forms folded:
     * "Müller GmbH" is "muller"), and every word of {@code name} must be a word of the party's name, or
     * one typo away from one (two for words of eight letters or more; none under four letters). Callers
     * keep only the matters they may otherwise see (teams are not the database's business here).
     */
    public Set<MatterId> mattersWithPartyNamed(String name) {
        var tenant = TenantContext.requireTenant();
        return Objects.requireNonNull(transactions.execute(status -> {
            var wanted = words(repository.fold(name));
            if (wanted.isEmpty()) {
                return Set.<MatterId>of();
            }
            var found = new HashSet<MatterId>();
            for (var party : repository.foldedNames(tenant)) {
                if (!found.contains(new MatterId(party.matter())) && namesMatch(wanted, words(party.folded()))) {
                    found.add(new MatterId(party.matter()));
                }
            }
            return Set.copyOf(found);
        }));
    }

    static boolean namesMatch(List<String> wanted, List<String> words) {
        for (String w : wanted) {
            int allowed = w.length() >= 8 ? 2 : w.length() >= 4 ? 1 : 0;
            if (words.stream().noneMatch(word -> withinEdits(w, word, allowed))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> words(@Nullable String folded) {
        if (folded == null || folded.isBlank()) {
            return List.of();
        }
        return List.of(folded.strip().split(" +"));
    }

    /** Whether {@code a} is at most {@code max} edits (insertion, deletion, substitution, swap of neighbours) from {@code b}. */
    static boolean withinEdits(String a, String b, int max) {
        if (Math.abs(a.length() - b.length()) > max) {
            return false;
        }
        if (max == 0) {
            return a.equals(b);
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()] <= max;
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

    /** One party of the matter; a party not on this matter, or a matter the caller may not see, is not found. */
    public Party find(MatterId matter, PartyId party) {
        var visible = matters.requested(matter);
        return Objects.requireNonNull(transactions.execute(status -> repository
                .find(TenantContext.requireTenant(), visible.id(), party)
                .orElseThrow(MatterNotVisibleException::new)));
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
