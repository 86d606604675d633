package io.lexvault.matters.clients;

import io.lexvault.matters.ClientId;
import io.lexvault.web.RequiresPermission;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Clients with their contact details. Another firm's client and one a client-wide wall screens the
 * caller from are 404, like none at all.
 */
@RestController
class ClientsApi {

    record ClientView(
            UUID id,
            String kind,
            String name,
            @Nullable String email,
            @Nullable String phone,
            @Nullable String postalAddress,
            @Nullable String registrationNumber,
            @Nullable String notes,
            Instant createdAt,
            @Nullable Instant updatedAt) {
        static ClientView of(Client c) {
            return new ClientView(
                    c.id().value(),
                    c.kind().key(),
                    c.name(),
                    c.email(),
                    c.phone(),
                    c.postalAddress(),
                    c.registrationNumber(),
                    c.notes(),
                    c.createdAt(),
                    c.updatedAt());
        }
    }

    record ClientPage(List<ClientView> items, int page, int size, long total, String sort) {}

    record ClientRequest(
            @Nullable String kind,
            @Nullable String name,
            @Nullable String email,
            @Nullable String phone,
            @Nullable String postalAddress,
            @Nullable String registrationNumber,
            @Nullable String notes) {
        ClientDetails details() {
            return new ClientDetails(kind, name, email, phone, postalAddress, registrationNumber, notes);
        }
    }

    private final Clients clients;

    ClientsApi(Clients clients) {
        this.clients = clients;
    }

    /** Paged and sorted ({@code name} or {@code created}, '-' for descending). */
    @GetMapping("/api/v1/clients")
    @RequiresPermission("clients.read")
    ClientPage list(
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            @RequestParam(required = false) @Nullable String sort) {
        var result = clients.list(page, size, ClientSort.parse(sort));
        return new ClientPage(
                result.items().stream().map(ClientView::of).toList(),
                result.page(),
                result.size(),
                result.total(),
                result.order().text());
    }

    @PostMapping("/api/v1/clients")
    @RequiresPermission("clients.create")
    @ResponseStatus(HttpStatus.CREATED)
    ClientView create(@RequestBody ClientRequest request) {
        return ClientView.of(clients.requested(clients.create(request.details())));
    }

    @GetMapping("/api/v1/clients/{id}")
    @RequiresPermission("clients.read")
    ClientView get(@PathVariable UUID id) {
        return ClientView.of(clients.requested(new ClientId(id)));
    }

    /** Replaces every detail: a field left out is cleared (the name is required). */
    @PutMapping("/api/v1/clients/{id}")
    @RequiresPermission("clients.update")
    ClientView update(@PathVariable UUID id, @RequestBody ClientRequest request) {
        var client = new ClientId(id);
        clients.update(client, request.details());
        return ClientView.of(clients.requested(client));
    }
}
