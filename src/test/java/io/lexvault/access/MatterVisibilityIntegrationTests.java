package io.lexvault.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.matters.ClientId;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.Firms;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.RuntimeRoleSql;
import io.lexvault.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The matter wall's per-user row (matter_visibility, V1_050), kept by triggers, against the rule
 * computed from the source tables: after random changes through every path that changes what a user
 * may see (group membership, teams of users and groups, walls created, moved, widened, narrowed and
 * removed, roles given and taken, a custom role gaining and losing matters.read.all, a group deleted
 * with its team and screening rows, a matter moved to another client, a matter opened with a person or
 * a group on its team, possibly under a client a wall already surrounds), each user's matters as
 * PostgreSQL alone shows them must be exactly those {@link MatterAccess} computes from the source
 * tables, and the row must hold what the source tables say.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class MatterVisibilityIntegrationTests extends FirmWebTest {

    @RegisterExtension
    static final RuntimeRoleSql.PerClass runtimeSql = RuntimeRoleSql.perClass("matter-visibility");

    private static final int STEPS = 60;

    @Autowired
    Matters matters;

    @Autowired
    MatterAccess access;

    TenantId firm;
    People.Person operator;
    List<People.Person> people;
    List<UUID> clients;
    List<UUID> matterIds;
    List<UUID> groups;

    @BeforeEach
    void aFirmWithPeopleMattersAndGroups() {
        firm = Firms.aFirm(tenants, "Visibility " + TestDatabase.randomName());
        // Makes every change; never changed itself, never screened (so no policy refuses its changes).
        operator = People.withRoles(accounts, roles, firm, BuiltInRole.ADMINISTRATOR);
        people = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            people.add(People.aPerson(accounts, firm));
        }
        clients = new ArrayList<>();
        matterIds = new ArrayList<>();
        TenantContext.runAs(firm, operator.id().value(), () -> {
            for (int c = 0; c < 3; c++) {
                ClientId client = matters.openClient("Client " + c);
                clients.add(client.value());
                for (int m = 0; m < 3; m++) {
                    MatterId matter =
                            matters.open(client, "V-" + c + m + "-" + TestDatabase.randomName(), "Matter " + m);
                    matterIds.add(matter.value());
                }
            }
        });
        groups = new ArrayList<>();
        sql(jdbc -> {
            for (int g = 0; g < 3; g++) {
                UUID group = UUID.randomUUID();
                jdbc.sql("INSERT INTO user_groups (tenant_id, id, name) VALUES (:t, :id, :name)")
                        .params(Map.of("t", firm.value(), "id", group, "name", "Group " + g))
                        .update();
                groups.add(group);
            }
            jdbc.sql("INSERT INTO custom_roles (tenant_id, key, title) VALUES (:t, 'custom_reader', 'Reader')")
                    .param("t", firm.value())
                    .update();
            return null;
        });
    }

    @Test
    void theRowFollowsEveryChangeAndPostgresShowsWhatTheApplicationComputes() {
        long seed = new Random().nextLong();
        var random = new Random(seed);
        var log = new ArrayList<String>();
        verifyEveryone(seed, log);
        for (int step = 0; step < STEPS; step++) {
            int changes = 1 + random.nextInt(3);
            sql(jdbc -> {
                for (int i = 0; i < changes; i++) {
                    log.add(randomChange(jdbc, random));
                }
                return null;
            });
            verifyEveryone(seed, log);
        }
    }

    private String randomChange(JdbcClient jdbc, Random random) {
        UUID user = pick(random, people).id().value();
        UUID group = pick(random, groups);
        UUID matter = pick(random, matterIds);
        UUID client = pick(random, clients);
        Map<String, Object> p = Map.of("t", firm.value(), "u", user, "g", group, "m", matter, "c", client);
        return switch (random.nextInt(16)) {
            case 0 -> run(jdbc, "join group", """
                    INSERT INTO user_group_members (tenant_id, group_id, user_id) VALUES (:t, :g, :u)
                    ON CONFLICT DO NOTHING""", p);
            case 1 ->
                run(
                        jdbc,
                        "leave group",
                        "DELETE FROM user_group_members WHERE tenant_id = :t AND group_id = :g AND user_id = :u",
                        p);
            case 2 -> run(jdbc, "user on team", """
                    INSERT INTO matter_team_members (tenant_id, matter_id, client_id, user_id)
                    SELECT :t, id, client_id, :u FROM matters WHERE tenant_id = :t AND id = :m
                    ON CONFLICT DO NOTHING""", p);
            case 3 -> run(jdbc, "group on team", """
                    INSERT INTO matter_team_members (tenant_id, matter_id, client_id, group_id)
                    SELECT :t, id, client_id, :g FROM matters WHERE tenant_id = :t AND id = :m
                    ON CONFLICT DO NOTHING""", p);
            case 4 -> run(jdbc, "off team", """
                    DELETE FROM matter_team_members
                     WHERE tenant_id = :t AND matter_id = :m AND (user_id = :u OR group_id = :g)""", p);
            case 5 -> {
                UUID wall = UUID.randomUUID();
                boolean clientWide = random.nextBoolean();
                var params = new java.util.HashMap<String, Object>(p);
                params.put("w", wall);
                run(jdbc, "", """
                        INSERT INTO ethical_walls (tenant_id, id, matter_id, client_id, reason, created_by)
                        VALUES (:t, :w, %s, %s, 'Conflict', :u)""".formatted(clientWide ? "NULL" : ":m", clientWide ? ":c" : "NULL"), params);
                yield run(
                        jdbc,
                        "wall screening " + (random.nextBoolean() ? "a user" : "a group"),
                        random.nextBoolean()
                                ? "INSERT INTO wall_screened (tenant_id, wall_id, user_id) VALUES (:t, :w, :u)"
                                : "INSERT INTO wall_screened (tenant_id, wall_id, group_id) VALUES (:t, :w, :g)",
                        params);
            }
            case 6 -> run(jdbc, "screen a user too", """
                    INSERT INTO wall_screened (tenant_id, wall_id, user_id)
                    SELECT :t, id, :u FROM ethical_walls WHERE tenant_id = :t ORDER BY random() LIMIT 1
                    ON CONFLICT DO NOTHING""", p);
            case 7 -> run(jdbc, "screen a group too", """
                    INSERT INTO wall_screened (tenant_id, wall_id, group_id)
                    SELECT :t, id, :g FROM ethical_walls WHERE tenant_id = :t ORDER BY random() LIMIT 1
                    ON CONFLICT DO NOTHING""", p);
            case 8 -> run(jdbc, "unscreen", """
                    DELETE FROM wall_screened WHERE tenant_id = :t AND (user_id = :u OR group_id = :g)
                       AND wall_id = (SELECT id FROM ethical_walls WHERE tenant_id = :t ORDER BY random() LIMIT 1)""", p);
            case 9 -> run(jdbc, "move a wall", """
                    UPDATE ethical_walls SET matter_id = CASE WHEN matter_id IS NULL THEN NULL ELSE :m END,
                                             client_id = CASE WHEN client_id IS NULL THEN NULL ELSE :c END
                     WHERE tenant_id = :t
                       AND id = (SELECT id FROM ethical_walls WHERE tenant_id = :t ORDER BY random() LIMIT 1)""", p);
            case 10 -> run(jdbc, "remove a wall", """
                    DELETE FROM ethical_walls WHERE tenant_id = :t
                       AND id = (SELECT id FROM ethical_walls WHERE tenant_id = :t ORDER BY random() LIMIT 1)""", p);
            case 11 -> run(jdbc, "give a role", """
                    INSERT INTO role_assignments (tenant_id, user_id, role)
                    VALUES (:t, :u, (ARRAY['attorney', 'administrator', 'paralegal', 'custom_reader'])[1 + floor(random() * 4)::int])
                    ON CONFLICT DO NOTHING""", p);
            case 12 -> run(jdbc, "take a role", """
                    DELETE FROM role_assignments WHERE tenant_id = :t AND user_id = :u
                       AND role = (SELECT role FROM role_assignments WHERE tenant_id = :t AND user_id = :u
                                    ORDER BY random() LIMIT 1)""", p);
            case 13 ->
                random.nextBoolean()
                        ? run(jdbc, "custom role gains matters.read.all", """
                            INSERT INTO custom_role_permissions (tenant_id, role, permission)
                            VALUES (:t, 'custom_reader', 'matters.read.all') ON CONFLICT DO NOTHING""", p)
                        : run(jdbc, "custom role loses matters.read.all", """
                            DELETE FROM custom_role_permissions
                             WHERE tenant_id = :t AND role = 'custom_reader' AND permission = 'matters.read.all'""", p);
            case 15 ->
                random.nextBoolean()
                        ? openMatter(jdbc, client, "user_id", user)
                        : openMatter(jdbc, client, "group_id", group);
            default ->
                random.nextBoolean()
                        ? run(
                                jdbc,
                                "matter to another client",
                                "UPDATE matters SET client_id = :c WHERE tenant_id = :t AND id = :m",
                                p)
                        : deleteGroup(jdbc, group);
        };
    }

    /**
     * Opens a matter under the client (the rows the application writes; nobody is on its team yet, so
     * only matters.read.all holders see it, unless a wall around the client screens them) and puts the
     * user or group on its team in the same transaction.
     */
    private String openMatter(JdbcClient jdbc, UUID client, String memberColumn, UUID member) {
        UUID matter = UUID.randomUUID();
        var params = Map.of(
                "t",
                firm.value(),
                "m",
                matter,
                "c",
                client,
                "member",
                member,
                "number",
                "N-" + matter.toString().substring(0, 8));
        jdbc.sql("INSERT INTO matters (tenant_id, id, client_id, number, title) VALUES (:t, :m, :c, :number, 'Opened')")
                .params(params)
                .update();
        matterIds.add(matter);
        return run(jdbc, "open a matter, " + memberColumn + " on its team", """
                INSERT INTO matter_team_members (tenant_id, matter_id, client_id, %s) VALUES (:t, :m, :c, :member)
                ON CONFLICT DO NOTHING""".formatted(memberColumn), params);
    }

    /** Deletes a group (its team and screening rows go by cascade) and puts a fresh one in its place. */
    private String deleteGroup(JdbcClient jdbc, UUID group) {
        int deleted = jdbc.sql("DELETE FROM user_groups WHERE tenant_id = :t AND id = :g")
                .params(Map.of("t", firm.value(), "g", group))
                .update();
        if (deleted == 1) {
            UUID fresh = UUID.randomUUID();
            jdbc.sql("INSERT INTO user_groups (tenant_id, id, name) VALUES (:t, :id, :name)")
                    .params(Map.of("t", firm.value(), "id", fresh, "name", "Group " + fresh))
                    .update();
            groups.set(groups.indexOf(group), fresh);
        }
        return "delete a group (" + deleted + ")";
    }

    private static String run(JdbcClient jdbc, String what, String sql, Map<String, ?> params) {
        int rows = jdbc.sql(sql).params(params).update();
        return what + " (" + rows + ")";
    }

    private void verifyEveryone(long seed, List<String> log) {
        var all = allMatters();
        for (var person : people) {
            MatterAccess.Viewer viewer = TenantContext.callAs(firm, person.id().value(), access::viewer);
            var expected = new HashSet<UUID>();
            all.forEach((id, client) -> {
                if (viewer.maySee(id, client)) {
                    expected.add(id);
                }
            });
            Set<UUID> seenByPostgres = new HashSet<>(sqlAs(
                    person,
                    jdbc -> jdbc.sql("SELECT id FROM matters").query(UUID.class).list()));
            String context = "seed " + seed + ", " + person.email() + ", after " + log;
            assertThat(seenByPostgres).as(context).isEqualTo(expected);
            var row = rowOf(person);
            if (row == null) {
                assertThat(viewer.readsAll()
                                || !viewer.teamMatters().isEmpty()
                                || !viewer.screenedMatters().isEmpty()
                                || !viewer.screenedClients().isEmpty())
                        .as("no row, so nothing to see or be screened from: " + context)
                        .isFalse();
            } else {
                assertThat(row.readsAll()).as(context).isEqualTo(viewer.readsAll());
                assertThat(row.teamMatters()).as(context).isEqualTo(viewer.teamMatters());
                assertThat(row.screenedMatters()).as(context).isEqualTo(viewer.screenedMatters());
                assertThat(row.screenedClients()).as(context).isEqualTo(viewer.screenedClients());
            }
        }
    }

    record Row(boolean readsAll, Set<UUID> teamMatters, Set<UUID> screenedMatters, Set<UUID> screenedClients) {}

    /** The person's row as the runtime role reads it (its own row only). */
    private Row rowOf(People.Person person) {
        return sqlAs(
                person,
                jdbc -> jdbc.sql(
                                "SELECT reads_all, team_matters, screened_matters, screened_clients FROM matter_visibility")
                        .query((rs, n) -> new Row(
                                rs.getBoolean(1), uuids(rs.getArray(2)), uuids(rs.getArray(3)), uuids(rs.getArray(4))))
                        .optional()
                        .orElse(null));
    }

    private static Set<UUID> uuids(java.sql.Array array) throws java.sql.SQLException {
        return Set.of((UUID[]) array.getArray());
    }

    /** Every matter of the firm and its client, as the operator (matters.read.all, never screened) sees them. */
    private Map<UUID, UUID> allMatters() {
        return sql(jdbc -> {
            var all = new java.util.HashMap<UUID, UUID>();
            jdbc.sql("SELECT id, client_id FROM matters")
                    .query((rs, n) -> all.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                    .list();
            assertThat(all).hasSize(matterIds.size());
            return all;
        });
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private <T> T sql(Function<JdbcClient, T> work) {
        return sqlAs(operator, work);
    }

    private <T> T sqlAs(People.Person person, Function<JdbcClient, T> work) {
        return runtimeSql.as(firm, person, work);
    }
}
