package io.lexvault.access.walls;

import io.lexvault.access.EthicalWalls;
import io.lexvault.access.GroupId;
import io.lexvault.access.Groups;
import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.access.Member;
import io.lexvault.access.WallId;
import io.lexvault.identity.UserId;
import io.lexvault.web.RequiresPermission;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ethical walls and user groups. A wall around something the caller cannot see, or one that screens
 * the caller, is 404 like a wall that does not exist. Changing who is in a group a wall screens, or
 * deleting it, also needs {@code walls.manage} and is refused (403) to anyone that wall screens.
 */
@RestController
class WallsApi {

    /** @param type {@code user} or {@code group} */
    record MemberRef(@Nullable String type, @Nullable UUID id) {}

    record WallRequest(
            @Nullable UUID matterId,
            @Nullable UUID clientId,
            @Nullable String reason,
            @Nullable List<MemberRef> screened) {}

    record WallView(
            UUID id,
            String scope,
            @Nullable UUID matterId,
            @Nullable String matterNumber,
            @Nullable UUID clientId,
            @Nullable String clientName,
            String reason,
            List<MemberRef> screened,
            UUID createdBy,
            Instant createdAt,
            @Nullable UUID changedBy,
            @Nullable Instant changedAt) {
        static WallView of(EthicalWalls.Wall wall) {
            var matter = wall.matter();
            var client = wall.client();
            return new WallView(
                    wall.id().value(),
                    matter != null ? "matter" : "client",
                    matter == null ? null : matter.id(),
                    matter == null ? null : matter.number(),
                    client == null ? (matter == null ? null : matter.client()) : client.id(),
                    client == null ? null : client.name(),
                    wall.reason(),
                    wall.screened().stream()
                            .map(m -> new MemberRef(m.kind(), m.id()))
                            .toList(),
                    wall.createdBy(),
                    wall.createdAt(),
                    wall.changedBy(),
                    wall.changedAt());
        }
    }

    record GroupView(UUID id, String name, List<UUID> members) {}

    record NewGroup(@Nullable String name) {}

    record GroupMember(@Nullable UUID userId) {}

    private final EthicalWalls walls;
    private final Groups groups;

    WallsApi(EthicalWalls walls, Groups groups) {
        this.walls = walls;
        this.groups = groups;
    }

    @GetMapping("/api/v1/walls")
    @RequiresPermission("walls.read")
    List<WallView> list() {
        return walls.all().stream().map(WallView::of).toList();
    }

    @GetMapping("/api/v1/walls/{id}")
    @RequiresPermission("walls.read")
    WallView get(@PathVariable UUID id) {
        return walls.find(new WallId(id)).map(WallView::of).orElseThrow(MatterNotVisibleException::new);
    }

    @PostMapping("/api/v1/walls")
    @RequiresPermission("walls.manage")
    @ResponseStatus(HttpStatus.CREATED)
    WallView create(@RequestBody WallRequest request) {
        var id = walls.create(
                request.matterId(), request.clientId(), required(request.reason()), members(request.screened()));
        return get(id.value());
    }

    @PutMapping("/api/v1/walls/{id}")
    @RequiresPermission("walls.manage")
    WallView change(@PathVariable UUID id, @RequestBody WallRequest request) {
        if (request.matterId() != null || request.clientId() != null) {
            throw new IllegalArgumentException("A wall keeps its matter or client; remove it and create another.");
        }
        walls.change(new WallId(id), required(request.reason()), members(request.screened()));
        return get(id);
    }

    @DeleteMapping("/api/v1/walls/{id}")
    @RequiresPermission("walls.manage")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID id) {
        walls.remove(new WallId(id));
    }

    @GetMapping("/api/v1/groups")
    @RequiresPermission("users.read")
    List<GroupView> groups() {
        return groups.all().stream()
                .map(g -> new GroupView(
                        g.id().value(),
                        g.name(),
                        g.members().stream().map(UserId::value).toList()))
                .toList();
    }

    @PostMapping("/api/v1/groups")
    @RequiresPermission("users.manage")
    @ResponseStatus(HttpStatus.CREATED)
    GroupView createGroup(@RequestBody NewGroup request) {
        var id = groups.create(required(request.name()));
        return new GroupView(id.value(), request.name().strip(), List.of());
    }

    @PostMapping("/api/v1/groups/{id}/members")
    @RequiresPermission("users.manage")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void addMember(@PathVariable UUID id, @RequestBody GroupMember request) {
        if (request.userId() == null) {
            throw new IllegalArgumentException("userId is required.");
        }
        groups.addMember(new GroupId(id), new UserId(request.userId()));
    }

    @DeleteMapping("/api/v1/groups/{id}/members/{userId}")
    @RequiresPermission("users.manage")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMember(@PathVariable UUID id, @PathVariable UUID userId) {
        if (!groups.removeMember(new GroupId(id), new UserId(userId))) {
            throw new MatterNotVisibleException();
        }
    }

    @DeleteMapping("/api/v1/groups/{id}")
    @RequiresPermission("users.manage")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteGroup(@PathVariable UUID id) {
        groups.delete(new GroupId(id));
    }

    private static String required(@Nullable String value) {
        if (value == null) {
            throw new IllegalArgumentException("A required field is missing.");
        }
        return value;
    }

    private static Set<Member> members(@Nullable List<MemberRef> refs) {
        var members = new LinkedHashSet<Member>();
        if (refs != null) {
            for (var ref : refs) {
                if (ref == null || ref.id() == null || ref.type() == null) {
                    throw new IllegalArgumentException("Each screened member has a type and an id.");
                }
                members.add(
                        switch (ref.type()) {
                            case "user" -> Member.user(new UserId(ref.id()));
                            case "group" -> Member.group(new GroupId(ref.id()));
                            default -> throw new IllegalArgumentException("type is user or group.");
                        });
            }
        }
        return members;
    }
}
