package io.lexvault.matters.matter;

import io.lexvault.access.GroupId;
import io.lexvault.access.MatterAccess;
import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.access.MatterRef;
import io.lexvault.access.Member;
import io.lexvault.access.Teams;
import io.lexvault.identity.UserId;
import io.lexvault.matters.ClientId;
import io.lexvault.matters.Matter;
import io.lexvault.matters.MatterDetails;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.MatterRefusedException;
import io.lexvault.matters.MatterSort;
import io.lexvault.matters.MatterStatus;
import io.lexvault.matters.Matters;
import io.lexvault.web.RequiresPermission;
import java.time.Instant;
import java.time.LocalDate;
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
 * Matters and matter teams (clients: {@code ClientsApi}). A matter the caller may not see (another firm's, behind a wall,
 * outside their teams without {@code matters.read.all}) is 404 on every path, exactly like one that
 * does not exist; a missing permission is 403 before anything is looked up, so it says nothing about
 * whether the matter exists either.
 */
@RestController
class MattersApi {

    record MatterView(
            UUID id,
            UUID clientId,
            String clientName,
            String number,
            String title,
            @Nullable String description,
            String status,
            @Nullable String practiceArea,
            @Nullable UUID responsibleAttorneyId,
            LocalDate openedOn,
            @Nullable LocalDate closedOn,
            Instant createdAt) {
        static MatterView of(Matter m) {
            return new MatterView(
                    m.id().value(),
                    m.client().value(),
                    m.clientName(),
                    m.number(),
                    m.title(),
                    m.description(),
                    m.status().key(),
                    m.practiceArea(),
                    m.responsibleAttorney() == null
                            ? null
                            : m.responsibleAttorney().value(),
                    m.openedOn(),
                    m.closedOn(),
                    m.createdAt());
        }
    }

    /**
     * {@code total} is exact up to {@link Matters#COUNTED_UP_TO} matching matters (always with
     * {@code exactTotal=true}); beyond, it is null and {@code totalAtLeast} says how many at least.
     */
    record MatterPage(
            List<MatterView> items,
            int page,
            int size,
            @Nullable Long total,
            @Nullable Long totalAtLeast,
            boolean hasMore,
            String sort,
            @Nullable String status) {}

    /** Opening: {@code number} may be left out (allocated from the firm's format), as may every detail. */
    record NewMatter(
            @Nullable UUID clientId,
            @Nullable String number,
            @Nullable String title,
            @Nullable String description,
            @Nullable String practiceArea,
            @Nullable UUID responsibleAttorneyId,
            @Nullable String openedOn) {

        MatterDetails details() {
            return new MatterDetails(number, title, description, practiceArea, responsibleAttorneyId, openedOn);
        }
    }

    /** @param type {@code user} or {@code group} */
    record MemberRef(@Nullable String type, @Nullable UUID id) {}

    record TeamMemberView(
            String type, UUID id, String name, @Nullable UUID addedBy, Instant addedAt) {}

    record PersonAccess(
            UUID userId,
            String displayName,
            boolean active,
            boolean canAccess,
            List<MatterAccess.Reason> reasons,
            List<UUID> screenedBy) {
        static PersonAccess of(MatterAccess.Entry e) {
            return new PersonAccess(
                    e.user().value(),
                    e.displayName(),
                    e.active(),
                    e.canAccess(),
                    e.reasons(),
                    e.screenedBy().stream().map(w -> w.value()).toList());
        }
    }

    record AccessView(UUID matterId, List<PersonAccess> people) {}

    private final Matters matters;
    private final Teams teams;
    private final MatterAccess access;

    MattersApi(Matters matters, Teams teams, MatterAccess access) {
        this.matters = matters;
        this.teams = teams;
        this.access = access;
    }

    /** Paged, sorted ({@code number}, {@code title}, {@code opened}, {@code status}, {@code client}, '-' for descending), filtered by status and client. */
    @GetMapping("/api/v1/matters")
    @RequiresPermission("matters.read")
    MatterPage list(
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable UUID clientId,
            @RequestParam(defaultValue = "false") boolean exactTotal) {
        var order = MatterSort.parse(sort);
        var filterStatus = status == null || status.isBlank() ? null : MatterStatus.fromKey(status.strip());
        var result = matters.listCapped(
                page,
                size,
                new Matters.Filter(order, filterStatus, clientId == null ? null : new ClientId(clientId)),
                exactTotal);
        return new MatterPage(
                result.items().stream().map(MatterView::of).toList(),
                result.page(),
                result.size(),
                result.total(),
                result.total() == null ? Long.valueOf(Matters.COUNTED_UP_TO + 1) : null,
                result.hasMore(),
                order.text(),
                filterStatus == null ? null : filterStatus.key());
    }

    @GetMapping("/api/v1/matters/{id}")
    @RequiresPermission("matters.read")
    MatterView get(@PathVariable UUID id) {
        return MatterView.of(matters.requested(new MatterId(id)));
    }

    @PostMapping("/api/v1/matters")
    @RequiresPermission("matters.create")
    @ResponseStatus(HttpStatus.CREATED)
    MatterView open(@RequestBody NewMatter request) {
        if (request.clientId() == null) {
            throw new MatterRefusedException(MatterRefusedException.Reason.INVALID, "clientId is required.");
        }
        var id = matters.open(new ClientId(request.clientId()), request.details());
        return matters.find(id).map(MatterView::of).orElseThrow(MatterNotVisibleException::new);
    }

    /** Replaces title, description, practice area, responsible attorney and opening date; number and client stay. */
    @PutMapping("/api/v1/matters/{id}")
    @RequiresPermission("matters.update")
    MatterView update(@PathVariable UUID id, @RequestBody NewMatter request) {
        var matter = matters.requested(new MatterId(id));
        if (request.number() != null && !request.number().strip().equals(matter.number())) {
            throw new MatterRefusedException(
                    MatterRefusedException.Reason.INVALID, "number cannot be changed once the matter is open.");
        }
        if (request.clientId() != null
                && !request.clientId().equals(matter.client().value())) {
            throw new MatterRefusedException(MatterRefusedException.Reason.INVALID, "clientId cannot be changed.");
        }
        matters.update(matter.id(), request.details());
        return MatterView.of(matters.requested(matter.id()));
    }

    @PostMapping("/api/v1/matters/{id}/close")
    @RequiresPermission("matters.close")
    MatterView close(@PathVariable UUID id) {
        return MatterView.of(matters.close(new MatterId(id)));
    }

    @PostMapping("/api/v1/matters/{id}/reopen")
    @RequiresPermission("matters.close")
    MatterView reopen(@PathVariable UUID id) {
        return MatterView.of(matters.reopen(new MatterId(id)));
    }

    @PostMapping("/api/v1/matters/{id}/archive")
    @RequiresPermission("matters.close")
    MatterView archive(@PathVariable UUID id) {
        return MatterView.of(matters.archive(new MatterId(id)));
    }

    @GetMapping("/api/v1/matters/{id}/team")
    @RequiresPermission("teams.read")
    List<TeamMemberView> team(@PathVariable UUID id) {
        return teams.members(visible(id)).stream()
                .map(m -> new TeamMemberView(m.member().kind(), m.member().id(), m.name(), m.addedBy(), m.addedAt()))
                .toList();
    }

    @PostMapping("/api/v1/matters/{id}/team")
    @RequiresPermission("teams.manage")
    List<TeamMemberView> addToTeam(@PathVariable UUID id, @RequestBody MemberRef member) {
        var matter = visible(id);
        teams.add(matter, member(member.type(), member.id()));
        return team(id);
    }

    @DeleteMapping("/api/v1/matters/{id}/team/{type}/{memberId}")
    @RequiresPermission("teams.manage")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeFromTeam(@PathVariable UUID id, @PathVariable String type, @PathVariable UUID memberId) {
        if (!teams.remove(visible(id), member(type, memberId))) {
            throw new MatterNotVisibleException();
        }
    }

    /** Who can reach the matter and why, and whom walls screen from it: for those who manage walls. */
    @GetMapping("/api/v1/matters/{id}/access")
    @RequiresPermission("walls.read")
    AccessView whoCanAccess(@PathVariable UUID id) {
        return new AccessView(
                id,
                access.whoCanAccess(visible(id)).stream().map(PersonAccess::of).toList());
    }

    /** A matter the caller may not see is 404, like none at all; the attempt goes to the audit log. */
    private MatterRef visible(UUID id) {
        var matter = matters.requested(new MatterId(id));
        return matters.ref(matter.id()).orElseThrow(MatterNotVisibleException::new);
    }

    static Member member(@Nullable String type, @Nullable UUID id) {
        if (id == null || type == null) {
            throw new IllegalArgumentException("type and id are required.");
        }
        return switch (type) {
            case "user" -> Member.user(new UserId(id));
            case "group" -> Member.group(new GroupId(id));
            default -> throw new IllegalArgumentException("type is user or group.");
        };
    }
}
