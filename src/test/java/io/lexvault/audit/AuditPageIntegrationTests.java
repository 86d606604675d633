package io.lexvault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.lexvault.access.BuiltInRole;
import io.lexvault.audit.internal.CheckpointNotes;
import io.lexvault.audit.internal.MerkleTree;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.AuditLogTest;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import io.lexvault.web.RequestIds;
import jakarta.servlet.http.Cookie;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import tools.jackson.databind.JsonNode;

/**
 * The audit page as an administrator and an auditor use it: every event with names looked up when
 * shown, filters, timelines, exports that are themselves audited, and a checkpoint and proof that
 * verify with nothing but the public key.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class AuditPageIntegrationTests extends AuditLogTest {

    @Autowired
    AuditLedger ledger;

    @Autowired
    AuditTrail trail;

    @Test
    void theAdministratorSeesEveryActionWithNamesAsTheyAreNow() throws Exception {
        var firm = aFirm();
        var admin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        var colleague = withRole(firm, BuiltInRole.PARALEGAL);
        var gone = UUID.randomUUID(); // an account that no longer exists
        append(
                firm,
                event(
                        AuditAction.ACCOUNT_DEACTIVATED,
                        AuditRecord.Actor.user(admin.id().value()),
                        "user",
                        colleague.id().value(),
                        "deactivate-marker"));
        append(firm, event(AuditAction.ROLE_ASSIGNED, AuditRecord.Actor.user(gone), null, null, "ghost-marker"));
        renameAsDatabaseAdministrator(colleague, "Renamed Colleague");

        Cookie session = http.signIn(admin);
        String page = http.page(session, "/admin/audit");
        assertThat(page)
                .contains("Signed in", "Account deactivated", "deactivate-marker", "ghost-marker")
                .doesNotContain(">sign_in.succeeded<", ">account.deactivated<");
        assertThat(page).contains("Renamed Colleague").doesNotContain("Test Person &lt;" + colleague.email());
        assertThat(page).contains("Deleted user " + gone.toString().substring(0, 8));
    }

    @Test
    void filtersNarrowTheEvents() throws Exception {
        var firm = aFirm();
        var auditor = withRole(firm, BuiltInRole.AUDITOR);
        var actor = withRole(firm, BuiltInRole.ATTORNEY);
        UUID matter = UUID.randomUUID();
        UUID document = UUID.randomUUID();
        var byActor = AuditRecord.Actor.user(actor.id().value());
        append(firm, event(AuditAction.DOCUMENT_DOWNLOADED, byActor, "document", document, "m-download"), matter);
        append(
                firm,
                new AuditRecord(
                        AuditAction.DOCUMENT_DOWNLOADED,
                        AuditOutcome.DENIED,
                        Instant.now(),
                        byActor,
                        "document",
                        document,
                        null,
                        null,
                        "192.0.2.1",
                        "test",
                        Map.of("n", "m-denied")));
        append(firm, event(AuditAction.MATTER_CHANGED, AuditRecord.Actor.SYSTEM, null, null, "m-system"), matter);
        append(
                firm,
                new AuditRecord(
                        AuditAction.MATTER_CHANGED,
                        AuditOutcome.SUCCESS,
                        Instant.parse("2020-03-01T12:00:00Z"),
                        AuditRecord.Actor.SYSTEM,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Map.of("n", "m-old")));
        Cookie session = http.signIn(auditor);

        assertThat(http.page(session, "/admin/audit?action=document.downloaded"))
                .contains("m-download", "m-denied")
                .doesNotContain("m-system", "m-old");
        assertThat(http.page(session, "/admin/audit?outcome=denied"))
                .contains("m-denied")
                .doesNotContain("m-download");
        assertThat(http.page(session, "/admin/audit?actor=" + actor.id().value()))
                .contains("m-download", "m-denied")
                .doesNotContain("m-system");
        assertThat(http.page(session, "/admin/audit?matter=" + matter))
                .contains("m-download", "m-system")
                .doesNotContain("m-denied", "m-old");
        assertThat(http.page(session, "/admin/audit?from=2020-03-01&to=2020-03-01"))
                .contains("m-old")
                .doesNotContain("m-system");
        assertThat(http.page(session, "/admin/audit?to=2020-02-29"))
                .doesNotContain("m-old")
                .contains("No events match.");
    }

    @Test
    void aFilterThatMakesNoSenseIsAClearError() throws Exception {
        var firm = aFirm();
        Cookie session = http.signIn(withRole(firm, BuiltInRole.AUDITOR));
        for (var query : Map.of(
                        "matter=12", "There is no matter numbered 12.",
                        "action=document.eaten", "There is no such action.",
                        "from=26/11/2026", "Dates are written as year-month-day",
                        "from=2026-11-02&to=2026-11-01", "The first day must not be after the last day.")
                .entrySet()) {
            var response = mvc.perform(get("/admin/audit?" + query.getKey()).cookie(session))
                    .andReturn()
                    .getResponse();
            assertThat(response.getStatus()).as(query.getKey()).isEqualTo(400);
            assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains(query.getValue());
        }
        assertThat(mvc.perform(get("/admin/audit/timeline").cookie(session))
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8))
                .contains("A timeline is of one matter or one object");
    }

    @Test
    void aTimelineShowsOneObjectOldestFirst() throws Exception {
        var firm = aFirm();
        Cookie session = http.signIn(withRole(firm, BuiltInRole.AUDITOR));
        UUID document = UUID.randomUUID();
        var someone = AuditRecord.Actor.SYSTEM;
        append(
                firm,
                new AuditRecord(
                        AuditAction.DOCUMENT_UPLOADED,
                        AuditOutcome.SUCCESS,
                        Instant.parse("2026-01-05T09:00:00Z"),
                        someone,
                        "document",
                        document,
                        null,
                        null,
                        null,
                        null,
                        Map.of("n", "t-first")));
        append(
                firm,
                new AuditRecord(
                        AuditAction.DOCUMENT_VIEWED,
                        AuditOutcome.SUCCESS,
                        Instant.parse("2026-02-07T09:00:00Z"),
                        someone,
                        "document",
                        document,
                        null,
                        null,
                        null,
                        null,
                        Map.of("n", "t-second")));
        append(firm, event(AuditAction.DOCUMENT_VIEWED, someone, "document", UUID.randomUUID(), "t-other"));

        String timeline = http.page(session, "/admin/audit/timeline?target=" + document);
        assertThat(timeline).contains("2026-01-05", "2026-02-07").doesNotContain("t-other");
        assertThat(timeline.indexOf("t-first")).isPositive().isLessThan(timeline.indexOf("t-second"));
    }

    @Test
    void anotherFirmsEventsNeverShow() throws Exception {
        var ours = aFirm();
        var theirs = aFirm();
        UUID theirObject = UUID.randomUUID();
        append(
                theirs,
                event(AuditAction.DOCUMENT_VIEWED, AuditRecord.Actor.SYSTEM, "document", theirObject, "theirs-marker"));
        Cookie session = http.signIn(withRole(ours, BuiltInRole.ADMINISTRATOR));
        assertThat(http.page(session, "/admin/audit")).doesNotContain("theirs-marker");
        assertThat(http.page(session, "/admin/audit/timeline?target=" + theirObject))
                .doesNotContain("theirs-marker")
                .contains("Nothing has happened to it yet.");
        String export = http.page(session, "/admin/audit/export?format=csv&target=" + theirObject);
        assertThat(export.lines()).hasSize(1); // the header only
    }

    @Test
    void onlyPeopleWithTheAuditPermissionsGetIn() throws Exception {
        var firm = aFirm();
        var attorney = withRole(firm, BuiltInRole.ATTORNEY);
        Cookie session = http.signIn(attorney);
        for (String path : List.of(
                "/admin/audit",
                "/admin/audit/timeline?target=" + UUID.randomUUID(),
                "/admin/audit/export?format=csv",
                "/admin/audit/checkpoint",
                "/admin/audit/proof?index=0")) {
            assertThat(mvc.perform(get(path).cookie(session))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .as(path)
                    .isEqualTo(403);
        }
        assertThat(mvc.perform(get("/admin/audit")).andReturn().getResponse().getStatus())
                .isEqualTo(302); // to the sign-in page
        var refusals = events(firm, AuditAction.PERMISSION_DENIED);
        assertThat(refusals).hasSize(5).allSatisfy(refusal -> {
            assertThat(refusal.outcome()).isEqualTo("denied");
            assertThat(refusal.actorId()).isEqualTo(attorney.id().value());
        });
        assertThat(refusals)
                .extracting(refusal ->
                        refusal.details().get("path") + " " + refusal.details().get("permission"))
                .containsExactly(
                        "/admin/audit audit.read",
                        "/admin/audit/timeline audit.read",
                        "/admin/audit/export audit.export",
                        "/admin/audit/checkpoint audit.read",
                        "/admin/audit/proof audit.read");
    }

    @Test
    void exportsAreCompleteSpreadsheetSafeAndAudited() throws Exception {
        var firm = aFirm();
        var auditor = withRole(firm, BuiltInRole.AUDITOR);
        append(
                firm,
                new AuditRecord(
                        AuditAction.SIGN_IN_FAILED,
                        AuditOutcome.FAILURE,
                        Instant.now(),
                        AuditRecord.Actor.ANONYMOUS,
                        null,
                        null,
                        null,
                        null,
                        "192.0.2.7",
                        "=HYPERLINK(\"http://evil.example\")",
                        Map.of("n", "x-formula")));
        Cookie session = http.signIn(auditor);

        var csv = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(http.page(session, "/admin/audit/export?format=csv&outcome=failure")))
                .getRecords();
        assertThat(csv).extracting(row -> row.get("outcome")).containsOnly("failure");
        CSVRecord formula = csv.stream()
                .filter(row -> row.get("details").contains("x-formula"))
                .findFirst()
                .orElseThrow();
        assertThat(formula.get("user_agent")).isEqualTo("'=HYPERLINK(\"http://evil.example\")");
        assertThat(formula.get("actor_name")).isEqualTo("Someone not signed in");

        var exported = json.readTree(http.page(session, "/admin/audit/export?format=json"));
        var actions = new ArrayList<String>();
        exported.forEach(event -> actions.add(event.get("action").asString()));
        assertThat(actions).contains("sign_in.failed", "sign_in.succeeded");

        var exports = events(firm, AuditAction.AUDIT_EXPORTED);
        assertThat(exports).hasSize(2);
        assertThat(exports).extracting(event -> event.details().get("format")).containsExactly("csv", "json");
        assertThat(exports.getFirst().details()).containsEntry("outcome", "failure");
        assertThat(exports.getFirst().actorId()).isEqualTo(auditor.id().value());

        var unknown = mvc.perform(get("/admin/audit/export?format=xlsx").cookie(session))
                .andReturn()
                .getResponse();
        assertThat(unknown.getStatus()).isEqualTo(400);
    }

    @Test
    void theCheckpointAndAProofVerifyWithNothingButThePublicKey() throws Exception {
        var firm = aFirm();
        Cookie session = http.signIn(withRole(firm, BuiltInRole.AUDITOR));
        append(firm, event(AuditAction.MATTER_CHANGED, AuditRecord.Actor.SYSTEM, null, null, "p-marker"));

        String[] verifierKey = mvc.perform(get("/.well-known/lexvault-audit-keys"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8)
                .strip()
                .split("\\+", 3);
        byte[] typedKey = Base64.getDecoder().decode(verifierKey[2]);
        byte[] publicKey = java.util.Arrays.copyOfRange(typedKey, 1, typedKey.length);

        var download = mvc.perform(get("/admin/audit/checkpoint").cookie(session))
                .andReturn()
                .getResponse();
        assertThat(download.getHeader("Content-Disposition")).startsWith("attachment");
        var checkpoint = CheckpointNotes.verify(
                        download.getContentAsString(StandardCharsets.UTF_8), verifierKey[0], publicKey)
                .orElseThrow();
        // Signed on demand: it covers the sign-in just made, before the schedule ran.
        long signedIn = events(firm, AuditAction.SIGN_IN_SUCCEEDED).getFirst().leafIndex();
        assertThat(checkpoint.size()).isGreaterThan(signedIn);

        long marked = events(firm, AuditAction.MATTER_CHANGED).getFirst().leafIndex();
        var proofResponse = mvc.perform(
                        get("/admin/audit/proof?index=" + marked).cookie(session))
                .andReturn()
                .getResponse();
        assertThat(proofResponse.getHeader("Content-Disposition")).startsWith("attachment");
        JsonNode proof = json.readTree(proofResponse.getContentAsString(StandardCharsets.UTF_8));
        var bundled = CheckpointNotes.verify(proof.get("checkpoint").asString(), verifierKey[0], publicKey)
                .orElseThrow();
        byte[] leafHash = MerkleTree.leafHash(proof.get("leaf").asString().getBytes(StandardCharsets.UTF_8));
        assertThat(Base64.getEncoder().encodeToString(leafHash))
                .isEqualTo(proof.get("leafHash").asString());
        var path = new ArrayList<byte[]>();
        proof.get("inclusionProof").forEach(hash -> path.add(Base64.getDecoder().decode(hash.asString())));
        assertThat(MerkleTree.verifyInclusion(marked, bundled.size(), leafHash, path, bundled.root()))
                .isTrue();
        assertThat(proof.get("leaf").asString()).contains("p-marker");

        assertThat(mvc.perform(get("/admin/audit/proof?index=" + 1_000_000).cookie(session))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }

    @Test
    void theCheckpointCanBeMailedToTheOfficersFromThePage() throws Exception {
        var firm = aFirm();
        Cookie auditor = http.signIn(withRole(firm, BuiltInRole.AUDITOR));
        append(firm, event(AuditAction.MATTER_CHANGED, AuditRecord.Actor.SYSTEM, null, null, "mail-marker"));
        sequencer.sequencePending();
        var response = mvc.perform(
                        post("/admin/audit/checkpoint/mail").cookie(auditor).with(csrf()))
                .andReturn();
        assertThat(response.getResponse().getRedirectedUrl()).isEqualTo("/admin/audit");
        assertThat(response.getFlashMap().get("notice").toString()).contains("on its way to 1 officer");
        assertThat(events(firm, AuditAction.CHECKPOINT_EXPORTED))
                .singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("destination", "mail"));

        Cookie paralegal = http.signIn(withRole(firm, BuiltInRole.PARALEGAL));
        assertThat(http.statusOf(paralegal, post("/admin/audit/checkpoint/mail"), null))
                .isEqualTo(403);
    }

    @Test
    void anEventCarriesTheIdOfTheRequestThatDidIt() throws Exception {
        var firm = aFirm();
        Cookie session = http.signIn(withRole(firm, BuiltInRole.AUDITOR));
        var response =
                mvc.perform(get("/admin/audit").cookie(session)).andReturn().getResponse();
        String requestId = response.getHeader(RequestIds.HEADER);
        assertThat(requestId).matches("[0-9a-f]{24}");
        var viewed = events(firm, AuditAction.AUDIT_VIEWED);
        assertThat(viewed).extracting(AuditTrail.Event::requestId).containsExactly(requestId);
        var another =
                mvc.perform(get("/admin/audit").cookie(session)).andReturn().getResponse();
        assertThat(another.getHeader(RequestIds.HEADER)).isNotEqualTo(requestId);
    }

    private TenantId aFirm() {
        return aFirm("Audit page");
    }

    private static AuditRecord event(
            AuditAction action, AuditRecord.Actor actor, String targetType, UUID target, String marker) {
        return new AuditRecord(
                action,
                AuditOutcome.SUCCESS,
                Instant.now(),
                actor,
                targetType,
                target,
                null,
                null,
                "192.0.2.1",
                "test",
                Map.of("n", marker));
    }

    private void append(TenantId firm, AuditRecord record) {
        TenantContext.runAs(firm, null, () -> transactions.executeWithoutResult(status -> ledger.append(record)));
    }

    private void append(TenantId firm, AuditRecord record, UUID matter) {
        append(
                firm,
                new AuditRecord(
                        record.action(),
                        record.outcome(),
                        record.occurredAt(),
                        record.actor(),
                        record.targetType(),
                        record.targetId(),
                        matter,
                        UUID.randomUUID(), // the made-up matter's made-up client
                        record.sourceIp(),
                        record.userAgent(),
                        record.details()));
    }

    private List<AuditTrail.Event> events(TenantId firm, AuditAction action) {
        sequencer.sequencePending();
        return TenantContext.callAs(
                firm,
                null,
                () -> trail.page(
                        new AuditTrail.Filter(null, action, null, null, null, null, null),
                        AuditTrail.Order.OLDEST_FIRST,
                        0,
                        100));
    }

    private void renameAsDatabaseAdministrator(People.Person person, String name) throws Exception {
        try (var connection = TestDatabase.shared().administrator().connect();
                var update = connection.prepareStatement("UPDATE lexvault.users SET display_name = ? WHERE id = ?")) {
            update.setString(1, name);
            update.setObject(2, person.id().value());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
