package io.lexvault.matters.web;

import io.lexvault.access.GroupId;
import io.lexvault.access.MatterAccess;
import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.access.MatterRef;
import io.lexvault.access.Member;
import io.lexvault.access.Teams;
import io.lexvault.identity.UserId;
import io.lexvault.matters.Client;
import io.lexvault.matters.ClientId;
import io.lexvault.matters.Matter;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.MatterNumberTakenException;
import io.lexvault.matters.Matters;
import io.lexvault.web.RequiresPermission;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Matters, clients and matter teams. A matter the caller may not see (another firm's, behind a wall,
 * outside their teams without {@code matters.read.all}) is 404 on every path, exactly like one that
 * does not exist; a missing permission is 403 before anything is looked up, so it says nothing about
 * whether the matter exists either.
 */
@RestController
class MattersApi {

    record MatterView(UUID id, UUID clientId, String clientName, String number, String title, Instant createdAt) {
        static MatterView of(Matter m) {
            return new MatterView(
                    m.id().value(), m.client().value(), m.clientName(), m.number(), m.title(), m.createdAt());
        }
    }

    record MatterPage(List<MatterView> items, int page, int size, long total) {}

    record NewMatter(
            @Nullable UUID clientId,
            @Nullable String number,
            @Nullable String title) {}

    record ClientView(UUID id, String name, Instant createdAt) {
        static ClientView of(Client c) {
            return new ClientView(c.id().value(), c.name(), c.createdAt());
        }
    }

    record NewClient(@Nullable String name) {}

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

    @GetMapping("/api/v1/matters")
    @RequiresPermission("matters.read")
    MatterPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        var result = matters.list(page, size);
        return new MatterPage(
                result.items().stream().map(MatterView::of).toList(), result.page(), result.size(), result.total());
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
        if (request.clientId() == null || request.number() == null || request.title() == null) {
            throw new IllegalArgumentException("clientId, number and title are required.");
        }
        var id = matters.open(new ClientId(request.clientId()), request.number(), request.title());
        return matters.find(id).map(MatterView::of).orElseThrow(MatterNotVisibleException::new);
    }

    @GetMapping("/api/v1/clients")
    @RequiresPermission("clients.read")
    List<ClientView> clients() {
        return matters.clients().stream().map(ClientView::of).toList();
    }

    @PostMapping("/api/v1/clients")
    @RequiresPermission("clients.create")
    @ResponseStatus(HttpStatus.CREATED)
    ClientView openClient(@RequestBody NewClient request) {
        if (request.name() == null) {
            throw new IllegalArgumentException("name is required.");
        }
        var id = matters.openClient(request.name());
        return matters.clients().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .map(ClientView::of)
                .orElseThrow(MatterNotVisibleException::new);
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

    @ExceptionHandler(MatterNotVisibleException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    @ExceptionHandler(MatterNumberTakenException.class)
    void numberTaken(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_CONFLICT);
    }

    /** Our own validation messages are never shown either: the problem's sentence is fixed per status. */
    @ExceptionHandler(IllegalArgumentException.class)
    void badRequest(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
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
