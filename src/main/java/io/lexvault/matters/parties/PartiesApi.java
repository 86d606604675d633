package io.lexvault.matters.parties;

import io.lexvault.matters.MatterId;
import io.lexvault.web.RequiresPermission;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A matter's parties. Reading needs {@code matters.read}, changing {@code matters.update}, and the
 * matter must be one the caller may see: another firm's, a walled one or one outside their teams is
 * 404 on every path, like one that does not exist, and so is a party that is not on the matter.
 */
@RestController
class PartiesApi {

    record PartyView(
            UUID id,
            UUID matterId,
            String name,
            String kind,
            String role,
            @Nullable String notes,
            @Nullable UUID addedBy,
            Instant addedAt) {
        static PartyView of(Party p) {
            return new PartyView(
                    p.id().value(),
                    p.matter().value(),
                    p.name(),
                    p.kind().key(),
                    p.role().key(),
                    p.notes(),
                    p.addedBy(),
                    p.addedAt());
        }
    }

    record PartyPage(List<PartyView> items, int page, int size, long total) {}

    record PartyForm(
            @Nullable String name,
            @Nullable String kind,
            @Nullable String role,
            @Nullable String notes) {}

    private final Parties parties;

    PartiesApi(Parties parties) {
        this.parties = parties;
    }

    @GetMapping("/api/v1/matters/{id}/parties")
    @RequiresPermission("matters.read")
    PartyPage list(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "name") String sort,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        var result = parties.list(new MatterId(id), sort, page, size);
        return new PartyPage(
                result.items().stream().map(PartyView::of).toList(), result.page(), result.size(), result.total());
    }

    @PostMapping("/api/v1/matters/{id}/parties")
    @RequiresPermission("matters.update")
    @ResponseStatus(HttpStatus.CREATED)
    PartyView add(@PathVariable UUID id, @RequestBody PartyForm form) {
        return PartyView.of(parties.add(new MatterId(id), required(form.name()), kind(form), role(form), form.notes()));
    }

    @PutMapping("/api/v1/matters/{id}/parties/{partyId}")
    @RequiresPermission("matters.update")
    PartyView change(@PathVariable UUID id, @PathVariable UUID partyId, @RequestBody PartyForm form) {
        return PartyView.of(parties.change(
                new MatterId(id), new PartyId(partyId), required(form.name()), kind(form), role(form), form.notes()));
    }

    @DeleteMapping("/api/v1/matters/{id}/parties/{partyId}")
    @RequiresPermission("matters.update")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID id, @PathVariable UUID partyId) {
        parties.remove(new MatterId(id), new PartyId(partyId));
    }

    static PartyKind kind(PartyForm form) {
        return PartyKind.byKey(required(form.kind()))
                .orElseThrow(() -> new IllegalArgumentException("kind is person or organisation."));
    }

    static PartyRole role(PartyForm form) {
        return PartyRole.byKey(required(form.role())).orElseThrow(() -> new IllegalArgumentException("Unknown role."));
    }

    private static String required(@Nullable String value) {
        if (value == null) {
            throw new IllegalArgumentException("name, kind and role are required.");
        }
        return value;
    }
}
