package io.lexvault.matters.clients;

import io.lexvault.access.Callers;
import io.lexvault.access.MatterAccess;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.RequestAudit;
import io.lexvault.matters.ClientId;
import io.lexvault.matters.MatterRefusedException;
import io.lexvault.matters.SortOrder;
import io.lexvault.matters.internal.Inputs;
import io.lexvault.tenancy.TenantContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bound firm's clients as the acting user may see them: a client-wide ethical wall hides its
 * client from those it screens, in the application and in the database (client_wall policy). Audit
 * events name the client by id only: names and contact details are personal data.
 */
@Service
public class Clients {

    /** One page of clients; {@code total} counts only those the caller may see. */
    public record Page(List<Client> items, int page, int size, long total, SortOrder<ClientSort> order) {}

    public static final int MAX_PAGE_SIZE = 100;

    private final ClientRepository repository;
    private final MatterAccess access;
    private final Callers callers;
    private final RequestAudit audit;

    Clients(ClientRepository repository, MatterAccess access, Callers callers, RequestAudit audit) {
        this.repository = repository;
        this.access = access;
        this.callers = callers;
        this.audit = audit;
    }

    /** Creates a client (audited as {@code client.created}). */
    @Transactional
    public ClientId create(ClientDetails details) {
        var row = checked(details);
        var id = new ClientId(UUID.randomUUID());
        repository.insert(TenantContext.requireTenant(), id, row);
        audit.succeededInTransaction(
                callers.actor(), AuditAction.CLIENT_CREATED, "client", id.value(), null, id.value(), Map.of());
        return id;
    }

    /**
     * Replaces the client's details (audited as {@code client.changed}).
     *
     * @throws ClientNotFoundException for another firm's client, one a wall screens the caller from, or none
     */
    @Transactional
    public void update(ClientId id, ClientDetails details) {
        var row = checked(details);
        if (find(id).isEmpty() || !repository.update(TenantContext.requireTenant(), id, row)) {
            throw new ClientNotFoundException();
        }
        audit.succeededInTransaction(
                callers.actor(), AuditAction.CLIENT_CHANGED, "client", id.value(), null, id.value(), Map.of());
    }

    /** The client, unless it is another firm's, a wall screens the caller from it, or there is none. */
    @Transactional(readOnly = true)
    public Optional<Client> find(ClientId id) {
        var viewer = access.viewer();
        if (viewer.user() == null || viewer.screenedClients().contains(id.value())) {
            return Optional.empty();
        }
        return repository.find(TenantContext.requireTenant(), id);
    }

    /**
     * The bound firm's client whoever asks, walls not applied: for {@link io.lexvault.matters.Matters},
     * which applies the caller's walls itself when it opens a matter for the client.
     */
    @Transactional(readOnly = true)
    public Optional<Client> inFirm(ClientId id) {
        return repository.find(TenantContext.requireTenant(), id);
    }

    /** The clients the caller may see (a client-wide wall hides its client from those it screens). */
    @Transactional(readOnly = true)
    public List<Client> all() {
        var viewer = access.viewer();
        if (viewer.user() == null) {
            return List.of();
        }
        return repository.allVisible(TenantContext.requireTenant(), viewer);
    }

    /** Like {@link #find}, but a client the caller may not see is {@link ClientNotFoundException} (404). */
    @Transactional(readOnly = true)
    public Client requested(ClientId id) {
        return find(id).orElseThrow(ClientNotFoundException::new);
    }

    /** The clients the caller may see, in the order asked for; {@code page} counts from 0. */
    @Transactional(readOnly = true)
    public Page list(int page, int size, SortOrder<ClientSort> order) {
        MatterRefusedException.requirePage(page, size, MAX_PAGE_SIZE);
        var tenant = TenantContext.requireTenant();
        var viewer = access.viewer();
        if (viewer.user() == null) {
            return new Page(List.of(), page, size, 0, order);
        }
        return new Page(
                repository.visible(tenant, viewer, order, size, (long) page * size),
                page,
                size,
                repository.countVisible(tenant, viewer),
                order);
    }

    static ClientRepository.Row checked(ClientDetails details) {
        var kind = details.kind() == null || details.kind().isBlank()
                ? ClientKind.ORGANISATION
                : ClientKind.fromKey(details.kind().strip());
        String registration = Inputs.registrationNumber(details.registrationNumber());
        if (kind == ClientKind.PERSON && registration != null) {
            throw MatterRefusedException.invalid("registrationNumber is for organisations only.");
        }
        return new ClientRepository.Row(
                kind,
                Inputs.required(details.name(), 200, "name"),
                Inputs.email(details.email()),
                Inputs.phone(details.phone()),
                Inputs.multiline(details.postalAddress(), 500, "postalAddress"),
                registration,
                Inputs.multiline(details.notes(), 4000, "notes"));
    }
}
