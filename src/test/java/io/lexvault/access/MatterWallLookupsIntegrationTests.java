package io.lexvault.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.matters.ClientId;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.Firms;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.RuntimeRoleSql;
import io.lexvault.testsupport.TestDatabase;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The wall's lookups hand the policies the array itself, not the stored value's TOAST pointer
 * (V1_096, ADR 0021): a team of a few hundred matters is stored out of line, and a pointer made every
 * row's {@code id = ANY (team)} read the array from the TOAST table again (two or three buffer reads
 * a row).
 * Counted in buffers, which do not depend on the machine's speed or load.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class MatterWallLookupsIntegrationTests extends FirmWebTest {

    @RegisterExtension
    static final RuntimeRoleSql.PerClass runtimeSql = RuntimeRoleSql.perClass("matter-wall-lookups");

    private static final int TEAM = 200;
    private static final int ROWS = 1000;
    private static final Pattern SHARED_HITS = Pattern.compile("\"Shared Hit Blocks\": (\\d+)");

    @Autowired
    Matters matters;

    @Test
    void aLargeTeamIsReadOncePerStatementNotOncePerTestedRow() {
        TenantId firm = Firms.aFirm(tenants, "Lookups " + TestDatabase.randomName());
        var operator = People.withRoles(accounts, roles, firm, BuiltInRole.ADMINISTRATOR);
        var attorney = People.aPerson(accounts, firm);
        ClientId client = TenantContext.callAs(firm, operator.id().value(), () -> matters.openClient("Client"));
        runtimeSql.as(firm, operator, jdbc -> {
            var params = Map.of(
                    "t", firm.value(), "c", client.value(), "u", attorney.id().value(), "n", TEAM);
            jdbc.sql("""
                            INSERT INTO matters (tenant_id, id, client_id, number, title)
                            SELECT :t, gen_random_uuid(), :c, 'L-' || g, 'Matter ' || g FROM generate_series(1, :n) g""").params(params).update();
            return jdbc.sql("""
                            INSERT INTO matter_team_members (tenant_id, matter_id, client_id, user_id)
                            SELECT tenant_id, id, client_id, :u FROM matters WHERE tenant_id = :t AND client_id = :c""").params(params).update();
        });

        String plan = runtimeSql.as(firm, attorney, jdbc -> {
            // The premise: the attorney's stored team is large enough to be kept out of line.
            assertThat(jdbc.sql("SELECT pg_column_size(team_matters) FROM matter_visibility")
                            .query(Integer.class)
                            .single())
                    .isGreaterThan(2100);
            assertThat(jdbc.sql("SELECT cardinality(lexvault.acting_user_team_matters())")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(TEAM);
            // The array test as the policies write it, on a thousand ids that are no team matter (each
            // is compared with every team matter), against no table: every buffer read is the lookup's.
            return String.join(
                    "\n", jdbc.sql("""
                                    EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
                                    SELECT count(*) FROM generate_series(1, :rows) g
                                     WHERE md5(g::text)::uuid = ANY ((SELECT lexvault.acting_user_team_matters())::uuid[])""").param("rows", ROWS).query(String.class).list());
        });
        var hits = SHARED_HITS.matcher(plan);
        assertThat(hits.find()).as(plan).isTrue();
        // One lookup of the user's row and one read of its TOAST entry: a few at most (with the pointer
        // handed over, as before V1_096, this read 2,002: two or more per row).
        assertThat(Integer.parseInt(hits.group(1))).as(plan).isLessThan(100);
    }
}
