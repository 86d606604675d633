package io.lexvault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.lexvault.access.BuiltInRole;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.MockSignIn;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/**
 * The audit API's pages and ranges exactly as docs/audit-format.md §5 states them. The sequencer's
 * schedule is off in tests (they sequence explicitly), so the log's size cannot change between a
 * test reading it and asking for a range relative to it.
 */
// The sequencer's schedule is off (every test context runs it hourly at most: TestDatabaseInitializer,
// whose settings outrank these), so this class shares the most common context.
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class AuditApiContractIntegrationTests extends FirmWebTest {

    @Test
    void aPageThatEndsExactlyAtTheLastLeafHasNoNext() throws Exception {
        var firm = aFirm("Audit contract");
        Cookie auditor = signIn(firm);
        audit.appendSequenced(firm, 4);
        long size = sizeOfTheLog(auditor);

        var exact = getJson(auditor, "/api/v1/audit/events?from=0&limit=" + size);
        assertThat(exact.get("entries")).hasSize((int) size);
        assertThat(exact.get("next").isNull())
                .as("the page ends at the last leaf: %s", exact.get("next"))
                .isTrue();

        var lastTwo = getJson(auditor, "/api/v1/audit/events?from=" + (size - 2) + "&limit=2");
        assertThat(lastTwo.get("next").isNull()).isTrue();

        var short1 = getJson(auditor, "/api/v1/audit/events?from=0&limit=" + (size - 1));
        assertThat(short1.get("next").asLong())
                .as("one leaf is left after this page")
                .isEqualTo(size - 1);
    }

    @Test
    void fromAtTheEndIsAnEmptyLastPageAndPastTheEndIsRefused() throws Exception {
        var firm = aFirm("Audit contract");
        Cookie auditor = signIn(firm);
        audit.appendSequenced(firm, 2);
        long size = sizeOfTheLog(auditor);

        var atTheEnd = getJson(auditor, "/api/v1/audit/events?from=" + size);
        assertThat(atTheEnd.get("entries")).isEmpty();
        assertThat(atTheEnd.get("next").isNull()).isTrue();

        for (long from : new long[] {size + 1, size + 1000, Long.MAX_VALUE}) {
            assertRefused(
                    ask(auditor, "/api/v1/audit/events?from=" + from),
                    "Parameter 'from' must be between 0 and the log's size, " + size + ".");
        }
    }

    @Test
    void rangesOutsideTheLogSayWhatIsWrongInOurOwnWords() throws Exception {
        var firm = aFirm("Audit contract");
        Cookie auditor = signIn(firm);
        audit.appendSequenced(firm, 2);
        long size = sizeOfTheLog(auditor);
        String inclusion =
                "Parameters 'index' and 'size' must satisfy 0 <= index < size <= the log's size, " + size + ".";
        String consistency = "Parameters 'from' and 'to' must satisfy 0 < from <= to <= the log's size, " + size + ".";
        var expectations = Map.of(
                "/api/v1/audit/proofs/inclusion?index=" + size + "&size=" + size,
                inclusion,
                "/api/v1/audit/proofs/inclusion?index=-1&size=" + size,
                inclusion,
                "/api/v1/audit/proofs/inclusion?index=0&size=" + (size + 1),
                inclusion,
                "/api/v1/audit/proofs/consistency?from=0&to=" + size,
                consistency,
                "/api/v1/audit/proofs/consistency?from=" + size + "&to=" + (size - 1),
                consistency,
                "/api/v1/audit/proofs/consistency?from=1&to=" + (size + 1),
                consistency,
                "/api/v1/audit/events?limit=1001",
                "Parameter 'limit' must be a whole number from 1 to 1000.",
                "/api/v1/audit/events?limit=0",
                "Parameter 'limit' must be a whole number from 1 to 1000.",
                "/api/v1/audit/events?from=-1",
                "Parameter 'from' must be between 0 and the log's size, " + size + ".");
        for (var expectation : expectations.entrySet()) {
            assertRefused(ask(auditor, expectation.getKey()), expectation.getValue());
        }
    }

    /** The cases of issue 12 item 5: Java's parsing messages were the answer's detail. */
    @Test
    void malformedNumbersAreRefusedWithoutTheParsersMessage() throws Exception {
        var firm = aFirm("Audit contract");
        Cookie auditor = signIn(firm);
        var expectations = Map.of(
                "/api/v1/audit/events?from=abc", "Parameter 'from' must be a whole number.",
                "/api/v1/audit/events?limit=99999999999", "Parameter 'limit' must be a whole number.",
                "/api/v1/audit/proofs/inclusion?index=abc&size=1", "Parameter 'index' must be a whole number.",
                "/api/v1/audit/proofs/inclusion?index=12345678901234567890&size=1",
                        "Parameter 'index' must be a whole number.",
                "/api/v1/audit/proofs/consistency?from=abc&to=1", "Parameter 'from' must be a whole number.",
                "/api/v1/audit/proofs/consistency?from=1", "Parameter 'to' is required.");
        for (var expectation : expectations.entrySet()) {
            var response = ask(auditor, expectation.getKey());
            assertRefused(response, expectation.getValue());
            assertThat(response.getContentAsString()).doesNotContain("For input string", "abc", "java.");
        }
    }

    private void assertRefused(MockHttpServletResponse response, String detail) throws Exception {
        String body = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(body).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(json.readTree(body).get("detail").asString()).isEqualTo(detail);
    }

    /** Every leaf, read page by page; no event is sequenced meanwhile (the schedule is off). */
    private long sizeOfTheLog(Cookie auditor) throws Exception {
        var all = getJson(auditor, "/api/v1/audit/events?from=0&limit=1000");
        assertThat(all.get("entries").size()).isLessThan(1000);
        return all.get("entries").size();
    }

    private Cookie signIn(TenantId firm) throws Exception {
        return MockSignIn.session(mvc, withRole(firm, BuiltInRole.AUDITOR));
    }

    private MockHttpServletResponse ask(Cookie session, String path) throws Exception {
        return mvc.perform(get(path).cookie(session)).andReturn().getResponse();
    }

    private JsonNode getJson(Cookie session, String path) throws Exception {
        var response = ask(session, path);
        assertThat(response.getStatus())
                .as(path + " " + response.getContentAsString())
                .isEqualTo(200);
        return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }
}
