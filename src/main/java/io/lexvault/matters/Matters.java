package io.lexvault.matters;

import io.lexvault.access.Callers;
import io.lexvault.access.ClientRef;
import io.lexvault.access.MatterAccess;
import io.lexvault.access.MatterDirectory;
import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.access.MatterRef;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.RequestAudit;
import io.lexvault.tenancy.TenantContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Clients and matters of the bound firm, as the acting user may see them: a matter outside their
 * teams (without {@code matters.read.all}) or behind an ethical wall does not exist for them, in the
 * application ({@link MatterAccess}) and in the database (row-level security) alike.
 */
@Service
public class Matters implements MatterDirectory {

    /** One page of matters; {@code total} counts only the matters the caller may see. */
    public record Page(List<Matter> items, int page, int size, long total) {}

    public static final int MAX_PAGE_SIZE = 100;

    private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9./-]{0,39}");

    private final MatterRepository repository;
    private final MatterAccess access;
    private final io.lexvault.access.Teams teams;
    private final Callers callers;
    private final RequestAudit audit;
    private final TransactionTemplate transactions;

    Matters(
            MatterRepository repository,
            MatterAccess access,
            io.lexvault.access.Teams teams,
            Callers callers,
            RequestAudit audit,
            TransactionTemplate transactions) {
        this.repository = repository;
        this.access = access;
        this.teams = teams;
        this.callers = callers;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** Creates a client (audited). */
    @Transactional
    public ClientId openClient(String name) {
        String trimmed = checkedText(name, 200, "A client's name");
        var id = new ClientId(UUID.randomUUID());
        repository.insertClient(TenantContext.requireTenant(), id, trimmed);
        audit(AuditAction.CLIENT_CREATED, "client", id.value(), null);
        return id;
    }

    /**
     * Opens a matter for a client the caller can see and puts the caller on its team, so that its
     * creator sees it (audited).
     *
     * @throws MatterNotVisibleException when the client is not visible to the caller
     * @throws MatterNumberTakenException when the firm already uses the number
     */
    @Transactional
    public MatterId open(ClientId client, String number, String title) {
        String checkedNumber = number.strip();
        if (!NUMBER.matcher(checkedNumber).matches()) {
            throw new IllegalArgumentException(
                    "A matter number has 1 to 40 letters, digits, '.', '/' or '-', starting with a letter or digit.");
        }
        String checkedTitle = checkedText(title, 200, "A matter's title");
        var tenant = TenantContext.requireTenant();
        var viewer = access.viewer();
        if (repository.client(tenant, client).isEmpty()
                || viewer.screenedClients().contains(client.value())) {
            throw new MatterNotVisibleException();
        }
        var id = new MatterId(UUID.randomUUID());
        try {
            repository.insertMatter(tenant, id, client, checkedNumber, checkedTitle);
        } catch (DuplicateKeyException e) {
            throw new MatterNumberTakenException();
        }
        audit(AuditAction.MATTER_OPENED, "matter", id.value(), id.value());
        callers.actingUser().ifPresent(creator -> teams.addFirstMember(ref(id, client, checkedNumber), creator));
        return id;
    }

    /** The matters the caller may see, ordered by number; {@code page} counts from 0. */
    @Transactional(readOnly = true)
    public Page list(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be at least 0 and size between 1 and " + MAX_PAGE_SIZE + ".");
        }
        var tenant = TenantContext.requireTenant();
        var viewer = access.viewer();
        if (viewer.user() == null) {
            return new Page(List.of(), page, size, 0);
        }
        var items = repository.visibleMatters(tenant, viewer, size, (long) page * size);
        return new Page(items, page, size, repository.countVisibleMatters(tenant, viewer));
    }

    /** The matter, if the caller may see it; empty for another firm's, a walled one, or none. */
    @Transactional(readOnly = true)
    public Optional<Matter> find(MatterId id) {
        var viewer = access.viewer();
        return repository
                .matter(TenantContext.requireTenant(), id)
                .filter(matter ->
                        viewer.maySee(matter.id().value(), matter.client().value()));
    }

    /**
     * The matter the signed-in caller asked for by id; when they may not see it, the refused look is
     * recorded and {@link MatterNotVisibleException} (404) thrown, the same for a missing matter.
     */
    public Matter requested(MatterId id) {
        // Its own read transaction (a call to find() from here would bypass the transactional proxy),
        // and the refusal is recorded after it, in one of its own: never inside a read-only one.
        var found = transactions.execute(status -> find(id));
        if (found == null || found.isEmpty()) {
            recordRefusedLook(id);
            throw new MatterNotVisibleException();
        }
        return found.get();
    }

    /**
     * Records that the signed-in caller asked for a matter they may not see (the answer stays 404).
     * Every refusal is recorded, for ids that exist nowhere too, so the work done does not tell a
     * walled matter from a missing one; the event says which it was, for the security officer.
     */
    private void recordRefusedLook(MatterId id) {
        boolean exists = Boolean.TRUE.equals(transactions.execute(status -> repository.existsInBoundFirm(id)));
        audit.deniedOn(
                AuditAction.MATTER_ACCESS_DENIED,
                "matter",
                id.value(),
                exists ? id.value() : null,
                Map.of("exists", String.valueOf(exists)));
    }

    /** The matter as access control needs it, if the caller may see it. */
    @Transactional(readOnly = true)
    public Optional<MatterRef> ref(MatterId id) {
        return find(id).map(m -> ref(m.id(), m.client(), m.number()));
    }

    /** The clients the caller may see (a client-wide wall hides its client from those it screens). */
    @Transactional(readOnly = true)
    public List<Client> clients() {
        return repository.clients(TenantContext.requireTenant(), access.viewer());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<MatterRef> visibleMatter(UUID matter) {
        return ref(new MatterId(matter));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ClientRef> visibleClient(UUID client) {
        var viewer = access.viewer();
        if (viewer.user() == null || viewer.screenedClients().contains(client)) {
            return Optional.empty();
        }
        return repository
                .client(TenantContext.requireTenant(), new ClientId(client))
                .map(c -> new ClientRef(c.id().value(), c.name()));
    }

    private static MatterRef ref(MatterId id, ClientId client, String number) {
        return new MatterRef(id.value(), client.value(), number);
    }

    private static String checkedText(String text, int max, String what) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.length() > max || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " has 1 to " + max + " characters.");
        }
        return trimmed;
    }

    private void audit(AuditAction action, String targetType, UUID targetId, @Nullable UUID matter) {
        audit.succeededInTransaction(callers.actor(), action, targetType, targetId, matter, Map.of());
    }
}
