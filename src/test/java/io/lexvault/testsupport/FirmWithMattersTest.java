package io.lexvault.testsupport;

import io.lexvault.access.EthicalWalls;
import io.lexvault.access.Member;
import io.lexvault.access.Teams;
import io.lexvault.access.WallId;
import io.lexvault.audit.AuditTrail;
import io.lexvault.matters.ClientId;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A {@link FirmWebTest} whose tests build one firm ({@link #firm}) of clients, matters, teams and
 * walls, and probe it through the audit trail and as the runtime role in raw SQL. The set-up steps are
 * here so that each test class states only who is in its firm and what is walled.
 */
public abstract class FirmWithMattersTest extends FirmWebTest {

    /** The runtime role's own pool, open while a subclass's tests run (test classes run one at a time). */
    @RegisterExtension
    protected static final RuntimeRoleSql.PerClass runtimeSql = RuntimeRoleSql.perClass("runtime-role-probes");

    @Autowired
    protected Matters matters;

    @Autowired
    protected Teams teams;

    @Autowired
    protected EthicalWalls walls;

    @Autowired
    protected AuditTrail trail;

    /** The firm the test's set-up built. */
    protected TenantId firm;

    protected ClientId client(People.Person by, String name) {
        return as(by, () -> matters.openClient(name));
    }

    protected MatterId matter(People.Person by, ClientId client, String number, String title) {
        return as(by, () -> matters.open(client, number, title));
    }

    /** Puts the members on the matter's team. */
    protected void onTeam(People.Person by, MatterId matter, Member... members) {
        as(by, () -> {
            var ref = matters.ref(matter).orElseThrow();
            for (var member : members) {
                teams.add(ref, member);
            }
            return null;
        });
    }

    /** A wall around the matter (or, where {@code matter} is null, around the whole client). */
    protected WallId wall(
            People.Person by, @Nullable MatterId matter, @Nullable ClientId client, String reason, Member... screened) {
        return as(
                by,
                () -> walls.create(
                        matter == null ? null : matter.value(),
                        client == null ? null : client.value(),
                        reason,
                        Set.of(screened)));
    }

    /** The {@link #firm}'s audit events that match, oldest first (at most 100). */
    protected List<AuditTrail.Event> events(AuditTrail.Filter filter) {
        return events(firm, filter);
    }

    /** The given firm's audit events that match, oldest first (at most 100). */
    protected List<AuditTrail.Event> events(TenantId firm, AuditTrail.Filter filter) {
        return TenantContext.callAs(firm, null, () -> trail.page(filter, AuditTrail.Order.OLDEST_FIRST, 0, 100));
    }

    /** Raw SQL as the runtime role, inside the person's context in {@link #firm} exactly as the application sets it. */
    protected long countAs(People.@Nullable Person person, String sql, Map<String, ?> params) {
        return runtimeSql.count(firm, person, sql, params);
    }

    /** As {@link #countAs}, for any statement. */
    protected <T> T sqlAs(People.@Nullable Person person, Function<JdbcClient, T> work) {
        return runtimeSql.as(firm, person, work);
    }

    /** As {@link #sqlAs(People.Person, Function)}, in the given firm (or none). */
    protected static <T> T sqlAs(
            @Nullable TenantId tenant, People.@Nullable Person person, Function<JdbcClient, T> work) {
        return runtimeSql.as(tenant, person, work);
    }
}
