package io.lexvault.audit;

import static io.lexvault.testsupport.AuditTampering.eventAt;
import static io.lexvault.testsupport.AuditTampering.tamper;
import static io.lexvault.testsupport.AuditTampering.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.lexvault.access.BuiltInRole;
import io.lexvault.audit.internal.MerkleTree;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.AuditLogTest;
import io.lexvault.testsupport.MutableClockConfiguration;
import io.lexvault.testsupport.SecurityEventRecorder;
import io.lexvault.testsupport.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * Retention: events older than their firm's retention lose their data, their leaves stay, the
 * expiry is recorded, and the log still verifies, old checkpoints and proofs included. And the
 * rule's other side: nobody deletes an event any other way, and a range forged to cover a deletion
 * is reported.
 *
 * <p>Old events are made by setting the application's clock back while they are written and placed
 * in the log; the expiry itself judges age on the database's clock, which no test (and no
 * application) moves.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
// The recorder is unused here; importing it too lets this class share the sign-in tests' context.
@Import({MutableClockConfiguration.class, SecurityEventRecorder.class})
class AuditRetentionIntegrationTests extends AuditLogTest {

    private static final Duration EIGHT_YEARS = Duration.ofDays(8 * 366);
    private static final Duration THREE_YEARS = Duration.ofDays(3 * 366);

    /** Binds a firm on a raw connection, as the transaction manager does. */
    private static final String BIND = "SELECT set_config('lexvault.tenant_id', ?, true),"
            + " set_config('lexvault.context_started', (extract(epoch FROM now()) * 1000000)::bigint::text, true)";

    @Autowired
    AuditRetention retention;

    @Test
    void expiryRemovesOldEventsDataKeepsTheirLeavesAndTheLogStillVerifies() {
        var firm = aFirm();
        appendAged(firm, 5, EIGHT_YEARS);
        String checkpointOfOldLog = latestCheckpoint(firm);
        var proofBefore = inFirm(firm, () -> log.inclusionProof(2, 5));
        appendAged(firm, 3, Duration.ZERO);
        var hashesBefore = leafHashes(firm);

        var expiries = inFirm(firm, () -> retention.expireDue(AuditRetention.ExpiredBy.SCHEDULE));

        assertThat(expiries).hasSize(1);
        var expiry = expiries.getFirst();
        assertThat(expiry.firm()).isEqualTo(firm);
        assertThat(expiry.firstLeaf()).isZero();
        assertThat(expiry.lastLeaf()).isEqualTo(4);
        assertThat(expiry.retentionYears()).isEqualTo(AuditRetention.DEFAULT_YEARS);
        assertThat(eventsOfLeaves(firm, 0, 4)).isZero();
        assertThat(eventsOfLeaves(firm, 5, 7)).as("younger than the retention").isEqualTo(3);
        assertThat(leafHashes(firm)).containsExactlyElementsOf(hashesBefore);
        var ranges = inFirm(firm, () -> retention.expiredRanges());
        assertThat(ranges).hasSize(1);
        assertThat(ranges.getFirst().firstLeaf()).isZero();
        assertThat(ranges.getFirst().lastLeaf()).isEqualTo(4);
        assertThat(ranges.getFirst().expiredBy()).isEqualTo("schedule");
        assertThat(inFirm(firm, () -> retention.expireDue(AuditRetention.ExpiredBy.SCHEDULE)))
                .as("nothing more is due")
                .isEmpty();

        sequencer.sequencePending(); // places the expiry's own event
        var entries = inFirm(firm, () -> log.entries(0, 100));
        assertThat(entries).hasSize(9);
        for (var entry : entries.subList(0, 5)) {
            assertThat(entry.leaf()).isNull();
            assertThat(entry.expired()).isTrue();
        }
        for (var entry : entries.subList(5, 9)) {
            assertThat(entry.leaf()).isNotNull();
            assertThat(entry.expired()).isFalse();
        }
        var reported = json.readTree(entries.get(8).leaf());
        assertThat(reported.get("action").asString()).isEqualTo("audit.events_expired");
        assertThat(reported.get("actor_type").asString()).isEqualTo("system");
        assertThat(reported.get("details").get("first_leaf").asString()).isEqualTo("0");
        assertThat(reported.get("details").get("last_leaf").asString()).isEqualTo("4");
        assertThat(reported.get("details").get("by").asString()).isEqualTo("schedule");

        var report = verifier.verify(firm, checkpointOfOldLog);
        assertThat(report.problems()).isEmpty();
        assertThat(report.leaves()).isEqualTo(9);

        // Proofs handed out before the expiry, and new ones, still check against the signed roots.
        byte[] oldRoot = rootOf(checkpointOfOldLog);
        assertThat(inFirm(firm, () -> log.inclusionProof(2, 5))).containsExactlyElementsOf(proofBefore);
        assertThat(MerkleTree.verifyInclusion(2, 5, hashesBefore.get(2), proofBefore, oldRoot))
                .isTrue();
        String latest = latestCheckpoint(firm);
        assertThat(sizeOf(latest)).isEqualTo(9);
        var consistency = inFirm(firm, () -> log.consistencyProof(5, 9));
        assertThat(MerkleTree.verifyConsistency(5, 9, oldRoot, rootOf(latest), consistency))
                .isTrue();
    }

    @Test
    void eachFirmsRetentionIsItsOwnAndOneFirmsExpiryNeverTouchesAnother() {
        var shortRetention = aFirm();
        var defaultRetention = aFirm();
        appendAged(shortRetention, 3, THREE_YEARS);
        appendAged(defaultRetention, 3, THREE_YEARS);
        inFirm(shortRetention, () -> retention.changeFromCommandLine(2));
        appendAged(shortRetention, 1, Duration.ZERO);
        appendAged(defaultRetention, 1, Duration.ZERO);

        var expiries = inFirm(shortRetention, () -> retention.expireDue(AuditRetention.ExpiredBy.COMMAND_LINE));
        assertThat(expiries).hasSize(1);
        assertThat(expiries.getFirst().retentionYears()).isEqualTo(2);
        assertThat(expiries.getFirst().lastLeaf()).isEqualTo(2);
        assertThat(eventsOfLeaves(shortRetention, 0, 2)).isZero();
        assertThat(inFirm(defaultRetention, () -> retention.expireDue(AuditRetention.ExpiredBy.COMMAND_LINE)))
                .as("three years is within the default retention")
                .isEmpty();
        assertThat(eventsOfLeaves(defaultRetention, 0, 3)).isEqualTo(4);
        assertThat(inFirm(defaultRetention, () -> retention.expiredRanges())).isEmpty();
        assertThat(inFirm(defaultRetention, () -> retention.policy()))
                .isEqualTo(new AuditRetention.Policy(AuditRetention.DEFAULT_YEARS, false));

        // The default firm shortens its retention too; the run over every firm then expires its old
        // events, and nothing more of the first firm's.
        inFirm(defaultRetention, () -> retention.changeFromCommandLine(2));
        var everyFirm = retention.expireEveryFirm(AuditRetention.ExpiredBy.SCHEDULE);
        assertThat(everyFirm)
                .filteredOn(expiry -> expiry.firm().equals(shortRetention))
                .isEmpty();
        assertThat(everyFirm)
                .filteredOn(expiry -> expiry.firm().equals(defaultRetention))
                .singleElement()
                .satisfies(expiry -> {
                    assertThat(expiry.firstLeaf()).isZero();
                    assertThat(expiry.lastLeaf()).isEqualTo(2);
                });
        sequencer.sequencePending();
        assertThat(verifier.verify(shortRetention, null).problems()).isEmpty();
        assertThat(verifier.verify(defaultRetention, null).problems()).isEmpty();

        var changes = reportedEvents(defaultRetention, "audit.retention_changed");
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.get("actor_type").asString()).isEqualTo("system");
            assertThat(change.get("details").get("from_years").asString()).isEqualTo("7");
            assertThat(change.get("details").get("to_years").asString()).isEqualTo("2");
            assertThat(change.get("details").get("via").asString()).isEqualTo("command_line");
        });
    }

    @Test
    void retentionOutsideOneToAHundredYearsIsRefusedByTheApplicationAndTheDatabase() {
        var firm = aFirm();
        for (int years : new int[] {0, -7, 101}) {
            assertThatThrownBy(() -> inFirm(firm, () -> retention.changeFromCommandLine(years)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The audit log's retention is between 1 and 100 years; " + years + " is not.");
        }
        assertThat(inFirm(firm, () -> retention.policy()).years()).isEqualTo(7);
        assertThatThrownBy(() -> TenantContext.runAs(
                        firm,
                        null,
                        () -> transactions.executeWithoutResult(status ->
                                jdbc.sql("""
                                        INSERT INTO lexvault.audit_retention (tenant_id, retention_years, changed_at)
                                        VALUES (:tenant, 0, now())
                                        """).param("tenant", firm.value()).update())))
                .hasMessageContaining("audit_retention_between_1_and_100_years");
    }

    @Test
    void theRuntimeRoleCannotDeleteEventsNorRecordARangeEvenWithTheExpiryMarkerSet() throws Exception {
        var firm = aFirm();
        appendAged(firm, 2, EIGHT_YEARS);
        var runtime = TestDatabase.shared().runtime();
        for (String[] attempt : new String[][] {
            {"DELETE FROM lexvault.audit_events WHERE tenant_id = '" + firm.value() + "'"},
            {
                "SELECT set_config('lexvault.audit_expiry', '" + firm.value() + "/' || txid_current()::text, true)",
                "DELETE FROM lexvault.audit_events WHERE tenant_id = '" + firm.value() + "'"
            },
            {
                "SELECT set_config('lexvault.audit_expiry', '" + firm.value() + "/' || txid_current()::text, false)",
                "DELETE FROM lexvault.audit_events WHERE tenant_id = '" + firm.value() + "'"
            },
            {
                "INSERT INTO lexvault.audit_expired_ranges VALUES ('" + firm.value()
                        + "', 0, 1, now() - interval '8 years', now(), 'schedule', gen_random_uuid())"
            }
        }) {
            try (var connection = DriverManager.getConnection(runtime.jdbcUrl(), runtime.user(), runtime.password())) {
                connection.setAutoCommit(false);
                try (var bind = connection.prepareStatement(BIND)) {
                    bind.setString(1, firm.toString());
                    bind.execute();
                }
                try (var statement = connection.createStatement()) {
                    for (int i = 0; i < attempt.length - 1; i++) {
                        statement.execute(attempt[i]);
                    }
                    assertThatThrownBy(() -> statement.execute(attempt[attempt.length - 1]))
                            .as(String.join("; ", attempt))
                            .isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("append-only", "permission"));
                }
                connection.rollback();
            }
        }
        // With the triggers on, a superuser holding every privilege is refused too: with the marker but
        // not as the owner, and as the owner but without the marker. Both it takes, and only the
        // expiry function (a definer function of the owner, which sets the marker) has both.
        String marker =
                "SELECT set_config('lexvault.audit_expiry', '" + firm.value() + "/' || txid_current()::text, true)";
        // Role names have a shape that needs no escaping (RoleNames).
        String asOwner = "SET LOCAL ROLE \"" + TestDatabase.shared().roles().owner() + "\"";
        String bindFirm = "SELECT set_config('lexvault.tenant_id', '" + firm.value() + "', true),"
                + " set_config('lexvault.context_started', (extract(epoch FROM now()) * 1000000)::bigint::text, true)";
        for (String setUp : new String[] {marker, asOwner}) {
            try (var admin = TestDatabase.shared().administrator().connect();
                    var statement = admin.createStatement()) {
                admin.setAutoCommit(false);
                statement.execute(bindFirm);
                statement.execute(setUp);
                assertThatThrownBy(() -> statement.execute(
                                "DELETE FROM lexvault.audit_events WHERE tenant_id = '" + firm.value() + "'"))
                        .as(setUp)
                        .hasMessageContaining("append-only");
                admin.rollback();
            }
        }
        assertThat(eventsOfLeaves(firm, 0, 1)).isEqualTo(2);
    }

    @Test
    void aDeletionWithoutARecordedRangeStillFailsAndExpiryStopsBeforeIt() throws Exception {
        var firm = aFirm();
        appendAged(firm, 6, EIGHT_YEARS);
        tamper(connection ->
                update(connection, "DELETE FROM lexvault.audit_events WHERE id = ?", eventAt(connection, firm, 3)));
        assertThat(verifier.verify(firm, null).problems().getFirst()).isEqualTo("Leaf 3: its event is missing.");

        // Old enough to expire, but expiry must not turn the deletion into a legitimate-looking range.
        var expiries = inFirm(firm, () -> retention.expireDue(AuditRetention.ExpiredBy.SCHEDULE));
        assertThat(expiries).singleElement().satisfies(expiry -> {
            assertThat(expiry.firstLeaf()).isZero();
            assertThat(expiry.lastLeaf()).isEqualTo(2);
        });
        sequencer.sequencePending();
        assertThat(verifier.verify(firm, null).problems()).containsExactly("Leaf 3: its event is missing.");
    }

    @Test
    void aForgedRangeCoveringYoungEventsIsReported() throws Exception {
        var firm = aFirm();
        appendAged(firm, 4, Duration.ZERO);
        // A superuser deletes two young events and records a range to cover them, with a plausible cutoff.
        tamper(connection -> {
            for (int leaf = 0; leaf <= 1; leaf++) {
                update(connection, "DELETE FROM lexvault.audit_events WHERE id = ?", eventAt(connection, firm, leaf));
            }
            insertRange(connection, firm, 0, 1, "now() - interval '7 years'");
        });
        var problems = verifier.verify(firm, null).problems();
        assertThat(problems)
                .contains(
                        "Expired range 0–1: 2 of its leaves were placed in the log after its cutoff, so their events"
                                + " were not old enough to expire.",
                        "Expired range 0–1: the audit.events_expired event that should record it is not in the log.")
                .noneMatch(problem -> problem.startsWith("Leaf "));

        // The cutoff moved up to cover them is refused as shorter than any retention.
        var other = aFirm();
        appendAged(other, 2, Duration.ZERO);
        tamper(connection -> {
            update(connection, "DELETE FROM lexvault.audit_events WHERE id = ?", eventAt(connection, other, 0));
            insertRange(connection, other, 0, 0, "now() + interval '1 day'");
        });
        assertThat(verifier.verify(other, null).problems())
                .contains("Expired range 0–0: its cutoff is less than a year before the expiry (no firm keeps its log"
                        + " for less than a year).");
    }

    @Test
    void aForgedRangeBeyondTheTreeOrOverlappingAnotherIsReported() throws Exception {
        var firm = aFirm();
        appendAged(firm, 3, EIGHT_YEARS);
        inFirm(firm, () -> retention.expireDue(AuditRetention.ExpiredBy.SCHEDULE));
        sequencer.sequencePending();
        assertThat(verifier.verify(firm, null).problems()).isEmpty();

        tamper(connection -> insertRange(connection, firm, 2, 10, "now() - interval '8 years'"));
        assertThat(verifier.verify(firm, null).problems())
                .contains(
                        "Expired range 2–10 overlaps the range before it, which ends at leaf 2.",
                        "Expired range 2–10 goes beyond the log, which has 4 leaves.",
                        "Expired range 2–10: 1 of its events are still there (no expiry removed them).");
    }

    @Test
    void theApiShowsExpiredLeavesAsExpiredAndAnAdministratorChangesTheRetention() throws Exception {
        var firm = aFirm();
        appendAged(firm, 3, EIGHT_YEARS);
        inFirm(firm, () -> retention.expireDue(AuditRetention.ExpiredBy.SCHEDULE));
        var auditorPerson = withRole(firm, BuiltInRole.AUDITOR);
        var administrator = withRole(firm, BuiltInRole.ADMINISTRATOR);
        sequencer.sequencePending();
        Cookie auditor = http.signIn(auditorPerson);

        var entries =
                http.getJson(auditor, "/api/v1/audit/events?from=0&limit=1000").get("entries");
        var hashes = new ArrayList<byte[]>();
        for (var entry : entries) {
            byte[] leafHash = Base64.getDecoder().decode(entry.get("leafHash").asString());
            hashes.add(leafHash);
            if (entry.get("index").asLong() <= 2) {
                assertThat(entry.get("leaf").isNull()).isTrue();
                assertThat(entry.get("expired").asBoolean()).isTrue();
            } else {
                assertThat(entry.get("expired").asBoolean()).isFalse();
                assertThat(MerkleTree.leafHash(entry.get("leaf").asString().getBytes(StandardCharsets.UTF_8)))
                        .isEqualTo(leafHash);
            }
        }
        String note = checkpointNote(auditor);
        assertThat(MerkleTree.rootHash(hashes.subList(0, (int) sizeOf(note)))).isEqualTo(rootOf(note));

        var shown = http.getJson(auditor, "/api/v1/audit/retention");
        assertThat(shown.get("years").asInt()).isEqualTo(7);
        assertThat(shown.get("chosen").asBoolean()).isFalse();
        assertThat(shown.get("expiredRanges")).hasSize(1);
        assertThat(shown.get("expiredRanges").get(0).get("first").asLong()).isZero();
        assertThat(shown.get("expiredRanges").get(0).get("last").asLong()).isEqualTo(2);

        assertThat(putRetention(auditor, "{\"years\":3}").getStatus())
                .as("an auditor reads, never changes")
                .isEqualTo(403);
        Cookie admin = http.signIn(administrator);
        assertThat(putRetention(admin, "{\"years\":0}").getStatus()).isEqualTo(400);
        assertThat(putRetention(admin, "{}").getStatus()).isEqualTo(400);
        var changed = putRetention(admin, "{\"years\":10}");
        assertThat(changed.getStatus()).isEqualTo(200);
        assertThat(json.readTree(changed.getContentAsString()).get("years").asInt())
                .isEqualTo(10);
        assertThat(inFirm(firm, () -> retention.policy())).isEqualTo(new AuditRetention.Policy(10, true));

        sequencer.sequencePending();
        assertThat(reportedEvents(firm, "audit.retention_changed"))
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.get("actor_type").asString()).isEqualTo("user");
                    assertThat(change.get("actor_id").asString())
                            .isEqualTo(administrator.id().value().toString());
                    assertThat(change.get("details").get("from_years").asString())
                            .isEqualTo("7");
                    assertThat(change.get("details").get("to_years").asString()).isEqualTo("10");
                });
        assertThat(verifier.verify(firm, null).problems()).isEmpty();
    }

    private TenantId aFirm() {
        return aFirm("Retention");
    }

    /** Appends {@code count} events as if written {@code age} ago, each placed in the log (and checkpointed) at once. */
    private void appendAged(TenantId firm, int count, Duration age) {
        clock.advance(age.negated());
        try {
            audit.appendEachSequenced(firm, count, clock);
        } finally {
            clock.reset();
        }
    }

    /** Every leaf hash of the firm's log (the method itself runs in its caller's transaction). */
    private List<byte[]> leafHashes(TenantId firm) {
        return inFirm(firm, () -> transactions.execute(status -> log.allLeafHashes()));
    }

    private <T> T inFirm(TenantId firm, java.util.function.Supplier<T> work) {
        return TenantContext.callAs(firm, null, work);
    }

    /** How many of leaves {@code first..last} still have their event. */
    private long eventsOfLeaves(TenantId firm, long first, long last) {
        return inFirm(
                firm,
                () -> transactions.execute(status -> jdbc.sql("""
                        SELECT count(*) FROM lexvault.audit_leaves l
                          JOIN lexvault.audit_events e ON e.tenant_id = l.tenant_id AND e.id = l.event_id
                         WHERE l.tenant_id = :tenant AND l.leaf_index BETWEEN :first AND :last
                        """)
                        .param("tenant", firm.value())
                        .param("first", first)
                        .param("last", last)
                        .query(Long.class)
                        .single()));
    }

    private List<JsonNode> reportedEvents(TenantId firm, String action) {
        var found = new ArrayList<JsonNode>();
        for (var entry : inFirm(firm, () -> log.entries(0, 1000))) {
            if (entry.leaf() != null) {
                var leaf = json.readTree(entry.leaf());
                if (leaf.get("action").asString().equals(action)) {
                    found.add(leaf);
                }
            }
        }
        return found;
    }

    private String latestCheckpoint(TenantId firm) {
        return inFirm(firm, () -> log.latestCheckpoint().orElseThrow().note());
    }

    private static long sizeOf(String note) {
        return Long.parseLong(note.split("\n")[1]);
    }

    private static byte[] rootOf(String note) {
        return Base64.getDecoder().decode(note.split("\n")[2]);
    }

    private String checkpointNote(Cookie session) throws Exception {
        var response = mvc.perform(get("/api/v1/audit/checkpoint").cookie(session))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private org.springframework.mock.web.MockHttpServletResponse putRetention(Cookie session, String body)
            throws Exception {
        return mvc.perform(put("/api/v1/audit/retention")
                        .cookie(session)
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
    }

    private static void insertRange(Connection connection, TenantId firm, long first, long last, String cutoff)
            throws SQLException {
        try (var statement = connection.prepareStatement("INSERT INTO lexvault.audit_expired_ranges"
                + " (tenant_id, first_leaf, last_leaf, cutoff, expired_at, expired_by, event_id)"
                + " VALUES (?, ?, ?, " + cutoff + ", now(), 'schedule', ?)")) {
            statement.setObject(1, firm.value());
            statement.setLong(2, first);
            statement.setLong(3, last);
            statement.setObject(4, UUID.randomUUID());
            statement.executeUpdate();
        }
    }
}
