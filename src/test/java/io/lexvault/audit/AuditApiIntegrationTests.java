package io.lexvault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.lexvault.access.BuiltInRole;
import io.lexvault.audit.internal.MerkleTree;
import io.lexvault.identity.ApiKeys;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.AuditLogTest;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import tools.jackson.databind.JsonNode;

/**
 * The audit API as an outside verifier uses it: every leaf it hands out hashes to its leaf hash,
 * the leaves make the checkpoint's root, and every proof checks against the signed roots.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class AuditApiIntegrationTests extends AuditLogTest {

    @Autowired
    ApiKeys apiKeys;

    @Test
    void leavesCheckpointAndProofsVerifyOutsideTheSystem() throws Exception {
        var firm = aFirm("Audit API");
        Cookie auditor = http.signIn(withRole(firm, BuiltInRole.AUDITOR));
        audit.appendSequenced(firm, 6);

        var older = checkpoint(auditor);
        var leafHashes = leafHashes(auditor, firm, older.size());
        assertThat(MerkleTree.rootHash(leafHashes)).isEqualTo(older.root());
        for (int index = 0; index < older.size(); index++) {
            var proof = hashes(
                    http.getJson(auditor, "/api/v1/audit/proofs/inclusion?index=" + index + "&size=" + older.size()));
            assertThat(MerkleTree.verifyInclusion(index, older.size(), leafHashes.get(index), proof, older.root()))
                    .as("inclusion of leaf %d", index)
                    .isTrue();
        }

        audit.appendSequenced(firm, 5);
        var newer = checkpoint(auditor);
        assertThat(newer.size()).isGreaterThan(older.size());
        var proof = hashes(
                http.getJson(auditor, "/api/v1/audit/proofs/consistency?from=" + older.size() + "&to=" + newer.size()));
        assertThat(MerkleTree.verifyConsistency(older.size(), newer.size(), older.root(), newer.root(), proof))
                .isTrue();
        assertThat(MerkleTree.verifyConsistency(older.size(), newer.size(), leafHashes.get(0), newer.root(), proof))
                .as("a wrong older root is refused")
                .isFalse();
    }

    @Test
    void eventsArePagedInLeafOrder() throws Exception {
        var firm = aFirm("Audit API");
        Cookie auditor = http.signIn(withRole(firm, BuiltInRole.AUDITOR));
        audit.appendSequenced(firm, 5);
        var first = http.getJson(auditor, "/api/v1/audit/events?from=0&limit=2");
        assertThat(first.get("entries")).hasSize(2);
        assertThat(first.get("next").asLong()).isEqualTo(2);
        var second = http.getJson(auditor, "/api/v1/audit/events?from=2&limit=2");
        assertThat(second.get("entries").get(0).get("index").asLong()).isEqualTo(2);
        var rest = http.getJson(auditor, "/api/v1/audit/events?from=4");
        assertThat(rest.get("next").isNull()).isTrue();
    }

    @Test
    void readingTheLogIsItselfAudited() throws Exception {
        var firm = aFirm("Audit API");
        var person = withRole(firm, BuiltInRole.AUDITOR);
        Cookie auditor = http.signIn(person);
        audit.appendSequenced(firm, 1);
        http.getJson(auditor, "/api/v1/audit/events?from=0&limit=7");
        sequencer.sequencePending();
        var views = new ArrayList<JsonNode>();
        for (var entry : http.getJson(auditor, "/api/v1/audit/events").get("entries")) {
            var leaf = json.readTree(entry.get("leaf").asString());
            if (leaf.get("action").asString().equals("audit.viewed")) {
                views.add(leaf);
            }
        }
        assertThat(views).isNotEmpty();
        var view = views.getFirst();
        assertThat(view.get("actor_type").asString()).isEqualTo("user");
        assertThat(view.get("actor_id").asString())
                .isEqualTo(person.id().value().toString());
        assertThat(view.get("details").get("view").asString()).isEqualTo("events");
        assertThat(view.get("details").get("limit").asString()).isEqualTo("7");
    }

    @Test
    void aReadWithAnApiKeyIsRecordedAsTheKeys() throws Exception {
        var firm = aFirm("Audit API");
        var person = withRole(firm, BuiltInRole.ADMINISTRATOR);
        var key = TenantContext.callAs(
                firm, null, () -> apiKeys.create(person.id(), "verifier", List.of("audit.read"), Duration.ofDays(1)));
        audit.appendSequenced(firm, 1);
        var response = mvc.perform(get("/api/v1/audit/checkpoint").header("Authorization", "Bearer " + key.secret()))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        sequencer.sequencePending();
        Cookie auditor = http.signIn(person);
        var byKey = new ArrayList<JsonNode>();
        for (var entry : http.getJson(auditor, "/api/v1/audit/events").get("entries")) {
            var leaf = json.readTree(entry.get("leaf").asString());
            if (leaf.get("actor_type").asString().equals("api_key")) {
                byKey.add(leaf);
            }
        }
        assertThat(byKey).hasSize(1);
        assertThat(byKey.getFirst().get("action").asString()).isEqualTo("audit.viewed");
        assertThat(byKey.getFirst().get("actor_id").asString())
                .isEqualTo(key.key().id().toString());
    }

    @Test
    void aCheckpointIsSignedOnDemand() throws Exception {
        var firm = aFirm("Audit API");
        var person = withRole(firm, BuiltInRole.ADMINISTRATOR);
        var key = TenantContext.callAs(
                firm, null, () -> apiKeys.create(person.id(), "verifier", List.of("audit.read"), Duration.ofDays(1)));
        audit.appendSequenced(firm, 2);
        audit.appendNumbered(firm, "late");
        long before = TenantContext.callAs(
                firm, null, () -> log.latestCheckpoint().orElseThrow().treeSize());

        var response = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                "/api/v1/audit/checkpoint")
                        .header("Authorization", "Bearer " + key.secret()))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        long signed = Long.parseLong(
                response.getContentAsString(StandardCharsets.UTF_8).split("\n")[1]);
        assertThat(signed).as("covers the event the schedule has not taken yet").isEqualTo(before + 1);
    }

    @Test
    void withoutAuditReadNothingIsShown() throws Exception {
        var firm = aFirm("Audit API");
        Cookie attorney = http.signIn(withRole(firm, BuiltInRole.ATTORNEY));
        audit.appendSequenced(firm, 1);
        for (String path : List.of(
                "/api/v1/audit/events",
                "/api/v1/audit/checkpoint",
                "/api/v1/audit/proofs/inclusion?index=0&size=1",
                "/api/v1/audit/proofs/consistency?from=1&to=1")) {
            assertThat(http.status(attorney, path)).as(path).isEqualTo(403);
            assertThat(mvc.perform(get(path)).andReturn().getResponse().getStatus())
                    .as("%s without signing in", path)
                    .isEqualTo(401);
        }
    }

    @Test
    void anotherFirmsAuditorSeesOnlyTheirOwnLog() throws Exception {
        var ours = aFirm("Audit API");
        var theirs = aFirm("Audit API");
        audit.appendSequenced(ours, 4);
        Cookie theirAuditor = http.signIn(withRole(theirs, BuiltInRole.AUDITOR));
        sequencer.sequencePending();
        var entries = http.getJson(theirAuditor, "/api/v1/audit/events").get("entries");
        assertThat(entries).isNotEmpty(); // their own sign-in
        for (var entry : entries) {
            assertThat(json.readTree(entry.get("leaf").asString()).get("tenant").asString())
                    .isEqualTo(theirs.value().toString());
        }
        assertThat(checkpoint(theirAuditor).note()).contains("/lexvault/audit/" + theirs.value());
    }

    @Test
    void rangesOutsideTheLogAreClearErrors() throws Exception {
        var firm = aFirm("Audit API");
        Cookie auditor = http.signIn(withRole(firm, BuiltInRole.AUDITOR));
        audit.appendSequenced(firm, 2);
        long size = checkpoint(auditor).size();
        for (String path : List.of(
                "/api/v1/audit/proofs/inclusion?index=" + size + "&size=" + size,
                "/api/v1/audit/proofs/inclusion?index=-1&size=" + size,
                "/api/v1/audit/proofs/inclusion?index=0&size=" + (size + 1),
                "/api/v1/audit/proofs/consistency?from=0&to=" + size,
                "/api/v1/audit/proofs/consistency?from=" + size + "&to=" + (size - 1),
                "/api/v1/audit/proofs/consistency?from=1&to=" + (size + 1),
                "/api/v1/audit/proofs/inclusion?index=zero&size=1",
                "/api/v1/audit/events?limit=100000",
                "/api/v1/audit/events?from=-1")) {
            var response = mvc.perform(get(path).cookie(auditor)).andReturn().getResponse();
            assertThat(response.getStatus()).as(path).isEqualTo(400);
        }
    }

    private record Checkpoint(String note, long size, byte[] root) {}

    private Checkpoint checkpoint(Cookie session) throws Exception {
        var response = mvc.perform(get("/api/v1/audit/checkpoint").cookie(session))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("text/plain");
        String note = response.getContentAsString(StandardCharsets.UTF_8);
        String[] lines = note.split("\n");
        return new Checkpoint(
                note, Long.parseLong(lines[1]), Base64.getDecoder().decode(lines[2]));
    }

    /** Reads every leaf through the API and checks each hashes to the leaf hash it came with. */
    private List<byte[]> leafHashes(Cookie session, TenantId firm, long size) throws Exception {
        var hashes = new ArrayList<byte[]>();
        long from = 0;
        while (hashes.size() < size) {
            var page = http.getJson(session, "/api/v1/audit/events?limit=3&from=" + from);
            for (var entry : page.get("entries")) {
                assertThat(entry.get("index").asLong()).isEqualTo(hashes.size());
                String leaf = entry.get("leaf").asString();
                byte[] leafHash =
                        Base64.getDecoder().decode(entry.get("leafHash").asString());
                assertThat(MerkleTree.leafHash(leaf.getBytes(StandardCharsets.UTF_8)))
                        .isEqualTo(leafHash);
                assertThat(json.readTree(leaf).get("tenant").asString())
                        .isEqualTo(firm.value().toString());
                hashes.add(leafHash);
            }
            if (page.get("next").isNull()) {
                break;
            }
            from = page.get("next").asLong();
        }
        return hashes.subList(0, (int) size);
    }

    private static List<byte[]> hashes(JsonNode proof) {
        var hashes = new ArrayList<byte[]>();
        proof.get("hashes").forEach(hash -> hashes.add(Base64.getDecoder().decode(hash.asString())));
        return hashes;
    }
}
