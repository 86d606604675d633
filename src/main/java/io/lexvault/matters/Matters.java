package io.lexvault.matters;

import io.lexvault.access.Callers;
import io.lexvault.access.ClientRef;
import io.lexvault.access.MatterAccess;
import io.lexvault.access.MatterDirectory;
import io.lexvault.access.MatterListing;
import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.access.MatterRef;
import io.lexvault.access.Permission;
import io.lexvault.access.roles.RoleAssignments;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.RequestAudit;
import io.lexvault.identity.AccountStatus;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.UserId;
import io.lexvault.matters.clients.Client;
import io.lexvault.matters.clients.ClientDetails;
import io.lexvault.matters.clients.Clients;
import io.lexvault.matters.internal.Inputs;
import io.lexvault.matters.numbers.MatterNumberTakenException;
import io.lexvault.matters.numbers.MatterNumbers;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
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

    /**
     * One page of matters whose total is counted only as far as it is cheap: {@code total} is exact
     * when at most {@link #COUNTED_UP_TO} matters match (or an exact count was asked for), otherwise
     * null, and then more than {@link #COUNTED_UP_TO} match. {@code hasMore} says whether a next page
     * has matters either way.
     */
    public record CappedPage(
            List<Matter> items,
            int page,
            int size,
            boolean hasMore,
            @Nullable Long total) {}

    /**
     * How far a list counts unless asked for an exact total: counting every visible matter costs a
     * scan of them all under the wall policy (ms for 10,000), on every page (docs/api.md).
     */
    public static final int COUNTED_UP_TO = 1000;

    /** Which matters a list shows and in what order; a null status or client means any. */
    public record Filter(
            SortOrder<MatterSort> order,
            @Nullable MatterStatus status,
            @Nullable ClientId client) {

        public static final Filter ALL = new Filter(MatterSort.DEFAULT, null, null);
    }

    public static final int MAX_PAGE_SIZE = 100;

    private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9./-]{0,39}");

    /** Tries before giving up when allocated numbers keep meeting numbers typed by hand. */
    private static final int ALLOCATION_TRIES = 100;

    private final MatterRepository repository;
    private final Clients clients;
    private final MatterNumbers numbers;
    private final MatterAccess access;
    private final io.lexvault.access.Teams teams;
    private final Accounts accounts;
    private final Callers callers;
    private final RequestAudit audit;
    private final TransactionTemplate transactions;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final RoleAssignments roles;

    Matters(
            MatterRepository repository,
            Clients clients,
            MatterNumbers numbers,
            MatterAccess access,
            io.lexvault.access.Teams teams,
            Accounts accounts,
            Callers callers,
            RequestAudit audit,
            TransactionTemplate transactions,
            Clock clock,
            RoleAssignments roles) {
        this.repository = repository;
        this.clients = clients;
        this.numbers = numbers;
        this.access = access;
        this.teams = teams;
        this.accounts = accounts;
        this.callers = callers;
        this.audit = audit;
        this.transactions = transactions;
        this.savepoint = new TransactionTemplate(transactions.getTransactionManager());
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
        this.roles = roles;
    }

    /** Creates an organisation known by its name only (audited); {@link Clients#create} takes the details. */
    @Transactional
    public ClientId openClient(String name) {
        return clients.create(ClientDetails.organisation(name));
    }

    /** Opens a matter with a number and title only; see {@link #open(ClientId, MatterDetails)}. */
    @Transactional
    public MatterId open(ClientId client, String number, String title) {
        return open(client, new MatterDetails(number, title, null, null, null, null));
    }

    /**
     * Opens a matter for a client the caller can see and puts the caller on its team, so that its
     * creator sees it (audited). Without a number, the next one of the firm's format is allocated.
     *
     * @throws MatterNotVisibleException when the client is not visible to the caller
     * @throws MatterNumberTakenException when the firm already uses the number
     * @throws MatterRefusedException when a detail is malformed, or the number does not fit an enforced format
     */
    @Transactional
    public MatterId open(ClientId client, MatterDetails details) {
        var row = checked(details, null);
        String typed = details.number() == null || details.number().isBlank() ? null : checkedNumber(details.number());
        var tenant = TenantContext.requireTenant();
        var viewer = access.viewer();
        if (clients.inFirm(client).isEmpty() || viewer.screenedClients().contains(client.value())) {
            throw new MatterNotVisibleException();
        }
        var id = new MatterId(UUID.randomUUID());
        var firm = numbers.settings();
        String number = null;
        if (typed != null) {
            numbers.typed(firm, typed);
            if (!inserted(tenant, id, client, typed, row)) {
                throw new MatterNumberTakenException();
            }
            number = typed;
        } else {
            for (int attempt = 0; attempt < ALLOCATION_TRIES && number == null; attempt++) {
                String candidate = numbers.allocate(firm.format(), row.openedOn());
                if (inserted(tenant, id, client, candidate, row)) {
                    number = candidate;
                }
            }
            if (number == null) {
                throw new MatterNumberTakenException();
            }
        }
        audit(AuditAction.MATTER_OPENED, "matter", id.value(), id.value(), client.value());
        var ref = ref(id, client, number);
        callers.actingUser().ifPresent(creator -> teams.addFirstMember(ref, creator));
        return id;
    }

    /**
     * Replaces the matter's title, description, practice area and responsible attorney, and the opening
     * date when one is given (audited as {@code matter.changed}); number, client and status stay.
     *
     * @throws MatterNotVisibleException when the caller may not see the matter (recorded like {@link #requested})
     */
    public void update(MatterId id, MatterDetails details) {
        var matter = requested(id);
        transactions.executeWithoutResult(status -> {
            // Left out, the opening date stays what it was (not today, as on opening).
            var row = checked(
                    details.openedOn() == null || details.openedOn().isBlank()
                            ? new MatterDetails(
                                    details.number(),
                                    details.title(),
                                    details.description(),
                                    details.practiceArea(),
                                    details.responsibleAttorney(),
                                    matter.openedOn().toString())
                            : details,
                    matter.responsibleAttorney());
            if (matter.closedOn() != null && row.openedOn().isAfter(matter.closedOn())) {
                throw MatterRefusedException.invalid("openedOn cannot be after the day the matter was closed.");
            }
            if (!repository.updateMatter(TenantContext.requireTenant(), id, row)) {
                throw new MatterNotVisibleException();
            }
            audit(
                    AuditAction.MATTER_CHANGED,
                    "matter",
                    id.value(),
                    id.value(),
                    matter.client().value());
        });
    }

    /** Closes an open matter today (audited as {@code matter.closed}). */
    public Matter close(MatterId id) {
        return changeStatus(id, MatterStatus.CLOSED);
    }

    /** Opens a closed or archived matter again and clears its closing date. */
    public Matter reopen(MatterId id) {
        return changeStatus(id, MatterStatus.OPEN);
    }

    /** Archives an open or closed matter (an open one is closed today on the way). */
    public Matter archive(MatterId id) {
        return changeStatus(id, MatterStatus.ARCHIVED);
    }

    /**
     * Moves the matter to the status (audited: {@code matter.closed}, else {@code matter.changed} with
     * the new status); the same status again is a conflict, not a silent success.
     */
    public Matter changeStatus(MatterId id, MatterStatus target) {
        var matter = requested(id);
        var changed = transactions.execute(status -> {
            if (matter.status() == target) {
                throw MatterRefusedException.conflict("The matter is " + target.key() + " already.");
            }
            LocalDate closedOn = switch (target) {
                case OPEN -> null;
                case CLOSED -> today();
                case ARCHIVED -> matter.closedOn() != null ? matter.closedOn() : today();
            };
            if (closedOn != null && closedOn.isBefore(matter.openedOn())) {
                closedOn = matter.openedOn();
            }
            if (!repository.updateStatus(TenantContext.requireTenant(), id, target, closedOn)) {
                throw new MatterNotVisibleException();
            }
            audit.succeededInTransaction(
                    callers.actor(),
                    target == MatterStatus.CLOSED ? AuditAction.MATTER_CLOSED : AuditAction.MATTER_CHANGED,
                    "matter",
                    id.value(),
                    id.value(),
                    matter.client().value(),
                    Map.of("status", target.key()));
            return find(id);
        });
        return changed == null ? matter : changed.orElseThrow(MatterNotVisibleException::new);
    }

    /** The matters the caller may see, ordered by number; {@code page} counts from 0. */
    @Transactional(readOnly = true)
    public Page list(int page, int size) {
        return list(page, size, Filter.ALL);
    }

    /** The matters the caller may see that pass the filter, in its order; {@code page} counts from 0. */
    @Transactional(readOnly = true)
    public Page list(int page, int size, Filter filter) {
        MatterRefusedException.requirePage(page, size, MAX_PAGE_SIZE);
        var tenant = TenantContext.requireTenant();
        var viewer = access.viewer();
        if (viewer.user() == null) {
            return new Page(List.of(), page, size, 0);
        }
        var items = repository.visibleMatters(tenant, viewer, filter, size, (long) page * size);
        return new Page(items, page, size, repository.countVisibleMatters(tenant, viewer, filter));
    }

    /**
     * Like {@link #list(int, int, Filter)}, with the total counted only up to {@link #COUNTED_UP_TO}
     * unless {@code exactTotal}. The page is read one row long, so the last page knows its total
     * without counting at all.
     */
    @Transactional(readOnly = true)
    public CappedPage listCapped(int page, int size, Filter filter, boolean exactTotal) {
        MatterRefusedException.requirePage(page, size, MAX_PAGE_SIZE);
        var tenant = TenantContext.requireTenant();
        var viewer = access.viewer();
        if (viewer.user() == null) {
            return new CappedPage(List.of(), page, size, false, 0L);
        }
        long offset = (long) page * size;
        var read = repository.visibleMatters(tenant, viewer, filter, size + 1, offset);
        boolean hasMore = read.size() > size;
        var items = hasMore ? read.subList(0, size) : read;
        Long total;
        if (!hasMore && (!items.isEmpty() || page == 0)) {
            total = offset + items.size();
        } else if (exactTotal) {
            total = repository.countVisibleMatters(tenant, viewer, filter);
        } else {
            long counted = repository.countVisibleMatters(tenant, viewer, filter, COUNTED_UP_TO + 1);
            total = counted > COUNTED_UP_TO ? null : counted;
        }
        return new CappedPage(List.copyOf(items), page, size, hasMore, total);
    }

    /**
     * The caller's own open matters (responsible attorney or on the team), at most {@code limit}, newest
     * first: for their home page. Only matters they may see: a wall screens even their own.
     */
    @Transactional(readOnly = true)
    public List<Matter> mine(int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw MatterRefusedException.invalid("limit must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        var viewer = access.viewer();
        var user = viewer.user();
        if (user == null) {
            return List.of();
        }
        return repository.ownMatters(TenantContext.requireTenant(), viewer, user, limit);
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
     * walled matter from a missing one; the event says which it was, for the security officer, and
     * names the matter and its client, so the people a wall around either screens never read it.
     */
    private void recordRefusedLook(MatterId id) {
        var client = transactions.execute(status -> repository.clientInBoundFirm(id));
        boolean exists = client != null && client.isPresent();
        audit.deniedOn(
                AuditAction.MATTER_ACCESS_DENIED,
                "matter",
                id.value(),
                exists ? id.value() : null,
                exists ? client.get().value() : null,
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
        return clients.all();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<MatterRef> visibleMatter(UUID matter) {
        return ref(new MatterId(matter));
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, MatterRef> visibleMatters(Collection<UUID> matters) {
        var refs = new HashMap<UUID, MatterRef>();
        visible(matters).forEach(m -> refs.put(m.id().value(), ref(m.id(), m.client(), m.number())));
        return refs;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ClientRef> visibleClient(UUID client) {
        return clients.find(new ClientId(client)).map(c -> new ClientRef(c.id().value(), c.name()));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<MatterListing> visibleListing(UUID matter) {
        return find(new MatterId(matter)).map(Matters::listing);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, MatterListing> visibleListings(Collection<UUID> matters) {
        var listings = new HashMap<UUID, MatterListing>();
        visible(matters).forEach(m -> listings.put(m.id().value(), listing(m)));
        return listings;
    }

    /** Those of these matters the caller may see: one read (RLS and the wall), checked by the app too. */
    private List<Matter> visible(Collection<UUID> matters) {
        if (matters.isEmpty()) {
            return List.of();
        }
        var viewer = access.viewer();
        return repository
                .matters(
                        TenantContext.requireTenant(),
                        matters.stream().map(MatterId::new).toList())
                .stream()
                .filter(m -> viewer.maySee(m.id().value(), m.client().value()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<MatterListing> visibleMatters() {
        var all = new ArrayList<MatterListing>();
        for (int page = 0; ; page++) {
            var result = list(page, MAX_PAGE_SIZE);
            result.items().forEach(m -> all.add(listing(m)));
            if ((long) (page + 1) * MAX_PAGE_SIZE >= result.total()
                    || result.items().isEmpty()) {
                return all;
            }
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<ClientRef> visibleClients() {
        return clients().stream()
                .map(c -> new ClientRef(c.id().value(), c.name()))
                .toList();
    }

    private static MatterListing listing(Matter m) {
        return new MatterListing(m.id().value(), m.number(), m.title(), m.clientName());
    }

    private static MatterRef ref(MatterId id, ClientId client, String number) {
        return new MatterRef(id.value(), client.value(), number);
    }

    /**
     * Inserts the matter inside a savepoint, so that a number already taken leaves the opening
     * transaction usable (to try the next number) instead of aborted.
     */
    private boolean inserted(TenantId tenant, MatterId id, ClientId client, String number, MatterRepository.Row row) {
        try {
            savepoint.executeWithoutResult(status -> repository.insertMatter(tenant, id, client, number, row));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static String checkedNumber(String number) {
        String checked = number.strip();
        if (!NUMBER.matcher(checked).matches()) {
            throw MatterRefusedException.invalid(
                    "number has 1 to 40 letters, digits, '.', '/' or '-', starting with a letter or digit.");
        }
        return checked;
    }

    /**
     * The details checked. The responsible attorney must be an active user of the bound firm who may be
     * one: a holder of {@code matters.update} (an attorney or administrator, never an auditor, paralegal
     * or staff), unless they are the matter's attorney already ({@code current}), so that changing
     * other details never forces a new attorney.
     */
    private MatterRepository.Row checked(MatterDetails details, @Nullable UserId current) {
        String title = Inputs.required(details.title(), 200, "title");
        String description = Inputs.multiline(details.description(), 4000, "description");
        String practiceArea = Inputs.optional(details.practiceArea(), 100, "practiceArea");
        LocalDate openedOn = Inputs.date(details.openedOn(), "openedOn");
        if (openedOn == null) {
            openedOn = today();
        } else if (openedOn.isAfter(today())) {
            throw MatterRefusedException.invalid("openedOn cannot be in the future.");
        } else if (openedOn.getYear() < 1900) {
            throw MatterRefusedException.invalid("openedOn is a date after 1900.");
        }
        UUID attorney = details.responsibleAttorney();
        if (attorney != null
                && accounts.find(new UserId(attorney))
                        .filter(a -> a.status() == AccountStatus.ACTIVE)
                        .isEmpty()) {
            throw MatterRefusedException.invalid("responsibleAttorneyId is not an active user of the firm.");
        }
        if (attorney != null
                && (current == null || !current.value().equals(attorney))
                && !roles.holdersOf(Permission.MATTERS_UPDATE).containsKey(attorney)) {
            throw MatterRefusedException.invalid(
                    "Choose the responsible attorney from the list: someone who may change matters.");
        }
        return new MatterRepository.Row(title, description, practiceArea, attorney, openedOn);
    }

    private void audit(AuditAction action, String targetType, UUID targetId, @Nullable UUID matter, UUID client) {
        audit.succeededInTransaction(callers.actor(), action, targetType, targetId, matter, client, Map.of());
    }
}
