package io.lexvault.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.Member;
import io.lexvault.access.Teams;
import io.lexvault.documents.DocumentUploads;
import io.lexvault.documents.SampleFiles;
import io.lexvault.matters.ClientId;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.HostileText;
import io.lexvault.testsupport.HostileText.Sample;
import io.lexvault.testsupport.MockSignIn;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Every text field a person fills in over HTTP (the API, and the pages where the API has none) gets the
 * same hostile set ({@link HostileText}): hidden, direction-changing and control characters, overlong
 * and (where required) blank text are refused with nothing stored; HTML, SQL quotes, other scripts and
 * emoji are stored exactly as typed (stripped) and shown escaped.
 */
@SpringBootTest(
        properties = {
            "lexvault.identity.sign-in-throttle.attempts=100000",
            "lexvault.identity.signup.enabled=true",
            // Sign-up requests stay queued, so the test can read what was stored.
            "lexvault.identity.reset-poll-interval=PT1H"
        })
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HumanTextFieldsIntegrationTests extends FirmWebTest {

    /** How a field is sent and where it is stored. */
    private interface Sender {
        /** Sends the value; true when accepted, false when refused (anything else fails the test). */
        boolean send(HumanTextFieldsIntegrationTests test, String value, String marker) throws Exception;
    }

    /**
     * @param rows SQL counting the rows this field's submissions make in the firm (:tenant) or for the
     *     marker (:marker, for rows without a firm)
     * @param rowsWith the same, of rows whose field is exactly :value (or, for :value null, is none)
     * @param multipart a multipart body cannot carry a lone surrogate (UTF-8 has none), so it is skipped
     */
    private record Field(
            String name,
            int max,
            boolean multiLine,
            boolean required,
            boolean multipart,
            Sender sender,
            String rows,
            String rowsWith) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Field> FIELDS = List.of(
            new Field(
                    "matter title",
                    200,
                    false,
                    true,
                    false,
                    (t, v, m) -> t.api("/api/v1/matters", Map.of("clientId", t.client(), "title", v)),
                    "SELECT count(*) FROM lexvault.matters WHERE tenant_id = :tenant",
                    "SELECT count(*) FROM lexvault.matters WHERE tenant_id = :tenant AND title = :value"),
            new Field(
                    "matter description",
                    4000,
                    true,
                    false,
                    false,
                    (t, v, m) -> t.api(
                            "/api/v1/matters", Map.of("clientId", t.client(), "title", "Described", "description", v)),
                    "SELECT count(*) FROM lexvault.matters WHERE tenant_id = :tenant",
                    "SELECT count(*) FROM lexvault.matters WHERE tenant_id = :tenant AND description IS NOT DISTINCT FROM :value"),
            new Field(
                    "matter practice area",
                    100,
                    false,
                    false,
                    false,
                    (t, v, m) -> t.api(
                            "/api/v1/matters", Map.of("clientId", t.client(), "title", "Practised", "practiceArea", v)),
                    "SELECT count(*) FROM lexvault.matters WHERE tenant_id = :tenant",
                    "SELECT count(*) FROM lexvault.matters WHERE tenant_id = :tenant AND practice_area IS NOT DISTINCT FROM :value"),
            new Field(
                    "client name",
                    200,
                    false,
                    true,
                    false,
                    (t, v, m) -> t.api("/api/v1/clients", Map.of("name", v)),
                    "SELECT count(*) FROM lexvault.clients WHERE tenant_id = :tenant",
                    "SELECT count(*) FROM lexvault.clients WHERE tenant_id = :tenant AND name = :value"),
            new Field(
                    "client postal address",
                    500,
                    true,
                    false,
                    false,
                    (t, v, m) -> t.api("/api/v1/clients", Map.of("name", "Addressed", "postalAddress", v)),
                    "SELECT count(*) FROM lexvault.clients WHERE tenant_id = :tenant",
                    "SELECT count(*) FROM lexvault.clients WHERE tenant_id = :tenant AND postal_address IS NOT DISTINCT FROM :value"),
            new Field(
                    "client notes",
                    4000,
                    true,
                    false,
                    false,
                    (t, v, m) -> t.api("/api/v1/clients", Map.of("name", "Noted", "notes", v)),
                    "SELECT count(*) FROM lexvault.clients WHERE tenant_id = :tenant",
                    "SELECT count(*) FROM lexvault.clients WHERE tenant_id = :tenant AND notes IS NOT DISTINCT FROM :value"),
            new Field(
                    "party name",
                    200,
                    false,
                    true,
                    false,
                    (t, v, m) -> t.api(
                            "/api/v1/matters/" + t.matter.value() + "/parties",
                            Map.of("name", v, "kind", "person", "role", "opposing_party")),
                    "SELECT count(*) FROM lexvault.matter_parties WHERE tenant_id = :tenant",
                    "SELECT count(*) FROM lexvault.matter_parties WHERE tenant_id = :tenant AND name = :value"),
            new Field(
                    "party notes",
                    2000,
                    true,
                    false,
                    false,
                    (t, v, m) -> t.api(
                            "/api/v1/matters/" + t.matter.value() + "/parties",
                            Map.of("name", "Noted Party", "kind", "person", "role", "witness", "notes", v)),
                    "SELECT count(*) FROM lexvault.matter_parties WHERE tenant_id = :tenant",
                    "SELECT count(*) FROM lexvault.matter_parties WHERE tenant_id = :tenant AND notes IS NOT DISTINCT FROM :value"),
            new Field(
                    "conflict report name",
                    200,
                    false,
                    true,
                    false,
                    (t, v, m) -> t.api(
                            "/api/v1/matters/" + t.matter.value() + "/conflict-reports", Map.of("names", List.of(v))),
                    "SELECT count(*) FROM lexvault.conflict_reports WHERE tenant_id = :tenant",
                    "SELECT count(*) FROM lexvault.conflict_reports WHERE tenant_id = :tenant AND terms = ARRAY[:value]::text[]"),
            new Field(
                    "wall reason",
                    1000,
                    true,
                    true,
                    false,
                    (t, v, m) -> t.api(
                            "/api/v1/walls",
                            Map.of(
                                    "matterId",
                                    t.walledMatter.value().toString(),
                                    "reason",
                                    v,
                                    "screened",
                                    List.of(Map.of(
                                            "type",
                                            "user",
                                            "id",
                                            t.screened.id().toString())))),
                    "SELECT count(*) FROM lexvault.ethical_walls WHERE tenant_id = :tenant",
                    "SELECT count(*) FROM lexvault.ethical_walls WHERE tenant_id = :tenant AND reason = :value"),
            new Field(
                    "group name",
                    100,
                    false,
                    true,
                    false,
                    (t, v, m) -> t.api("/api/v1/groups", Map.of("name", v)),
                    "SELECT count(*) FROM lexvault.user_groups WHERE tenant_id = :tenant",
                    "SELECT count(*) FROM lexvault.user_groups WHERE tenant_id = :tenant AND name = :value"),
            new Field(
                    "role title",
                    100,
                    false,
                    true,
                    false,
                    (t, v, m) -> t.api("/api/v1/roles", Map.of("title", v, "permissions", List.of())),
                    "SELECT count(*) FROM lexvault.custom_roles WHERE tenant_id = :tenant",
                    "SELECT count(*) FROM lexvault.custom_roles WHERE tenant_id = :tenant AND title = :value"),
            new Field(
                    "role description",
                    500,
                    false,
                    false,
                    false,
                    (t, v, m) -> t.api(
                            "/api/v1/roles", Map.of("title", "Role " + m, "description", v, "permissions", List.of())),
                    "SELECT count(*) FROM lexvault.custom_roles WHERE tenant_id = :tenant",
                    "SELECT count(*) FROM lexvault.custom_roles WHERE tenant_id = :tenant AND description = coalesce(:value, '')"),
            new Field(
                    "document title",
                    200,
                    false,
                    false,
                    true,
                    (t, v, m) -> t.upload(DocumentUploads.aFile("notes.txt", SampleFiles.text())
                            .field("title", v)),
                    "SELECT count(*) FROM lexvault.documents WHERE tenant_id = :tenant",
                    "SELECT count(*) FROM lexvault.documents WHERE tenant_id = :tenant AND title = coalesce(:value, 'notes')"),
            new Field(
                    "document description",
                    2000,
                    true,
                    false,
                    true,
                    (t, v, m) -> t.upload(DocumentUploads.aFile("notes.txt", SampleFiles.text())
                            .field("description", v)),
                    "SELECT count(*) FROM lexvault.documents WHERE tenant_id = :tenant",
                    "SELECT count(*) FROM lexvault.documents WHERE tenant_id = :tenant AND description IS NOT DISTINCT FROM :value"),
            new Field(
                    "sign-up firm name",
                    200,
                    false,
                    true,
                    false,
                    (t, v, m) -> t.signup(v, "Signing Person", m),
                    "SELECT count(*) FROM lexvault.signup_requests WHERE email = :marker",
                    "SELECT count(*) FROM lexvault.signup_requests WHERE email = :marker AND firm_name = :value"),
            new Field(
                    "sign-up display name",
                    200,
                    false,
                    true,
                    false,
                    (t, v, m) -> t.signup("Signing Firm " + m, v, m),
                    "SELECT count(*) FROM lexvault.signup_requests WHERE email = :marker",
                    "SELECT count(*) FROM lexvault.signup_requests WHERE email = :marker AND display_name = :value"),
            new Field(
                    "API key name",
                    100,
                    false,
                    true,
                    false,
                    (t, v, m) -> t.apiKey(v),
                    "SELECT count(*) FROM lexvault.api_keys WHERE tenant_id = :tenant",
                    "SELECT count(*) FROM lexvault.api_keys WHERE tenant_id = :tenant AND name = :value"));

    @Autowired
    Matters matters;

    @Autowired
    Teams teams;

    TenantId firm;
    People.Person admin;
    People.Person screened;
    ClientId clientId;
    MatterId matter;
    MatterId walledMatter;
    Cookie session;
    JdbcClient owner;

    @BeforeAll
    void firmWithAMatter() throws Exception {
        firm = aFirm("Hostile text");
        admin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        screened = withRole(firm, BuiltInRole.ATTORNEY);
        TenantContext.runAs(firm, admin.id().value(), () -> {
            clientId = matters.openClient("Hostile Text Client");
            matter = matters.open(clientId, "HT-1", "Hostile text matter");
            walledMatter = matters.open(clientId, "HT-2", "Walled matter");
            teams.add(matters.ref(matter).orElseThrow(), Member.user(admin.id()));
        });
        session = MockSignIn.session(mvc, admin);
        var login = TestDatabase.shared().administrator();
        // The database's administrator reads past row-level security: the test checks what is stored, not
        // what a user may see.
        owner = JdbcClient.create(new DriverManagerDataSource(login.jdbcUrl(), login.user(), login.password()));
    }

    static Stream<Arguments> refusals() {
        var cases = new ArrayList<Arguments>();
        for (var field : FIELDS) {
            var samples = new ArrayList<>(HostileText.refusedEverywhere(field.max()));
            if (!field.multiLine()) {
                samples.addAll(HostileText.refusedInOneLine());
            }
            if (field.required()) {
                samples.add(HostileText.onlyWhitespace());
            }
            for (var sample : samples) {
                if (field.multipart() && sample.sent().chars().anyMatch(c -> Character.isSurrogate((char) c))) {
                    continue;
                }
                cases.add(Arguments.of(field, sample));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> acceptances() {
        var cases = new ArrayList<Arguments>();
        for (var field : FIELDS) {
            var samples = new ArrayList<>(HostileText.accepted(field.max()));
            if (field.multiLine()) {
                samples.addAll(HostileText.acceptedInMultiLine());
            }
            for (var sample : samples) {
                cases.add(Arguments.of(field, sample));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> optionalFields() {
        return FIELDS.stream().filter(field -> !field.required()).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusals")
    void hiddenControlOverlongAndBlankTextIsRefusedAndNothingStored(Field field, Sample sample) throws Exception {
        String marker = marker();
        long before = count(field.rows(), marker, null);
        assertThat(field.sender().send(this, sample.sent(), marker))
                .as("%s accepted %s", field, sample)
                .isFalse();
        assertThat(count(field.rows(), marker, null)).as("rows after refusal").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("acceptances")
    void scaryLookingTextIsStoredExactlyAsTyped(Field field, Sample sample) throws Exception {
        String marker = marker();
        long before = count(field.rowsWith(), marker, sample.stored());
        assertThat(field.sender().send(this, sample.sent(), marker))
                .as("%s refused %s", field, sample)
                .isTrue();
        assertThat(count(field.rowsWith(), marker, sample.stored()))
                .as("rows holding exactly what was typed")
                .isEqualTo(before + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionalFields")
    void blankOptionalTextIsNone(Field field) throws Exception {
        String marker = marker();
        long before = count(field.rowsWith(), marker, null);
        assertThat(field.sender().send(this, HostileText.onlyWhitespace().sent(), marker))
                .isTrue();
        assertThat(count(field.rowsWith(), marker, null)).isEqualTo(before + 1);
    }

    @Test
    void hiddenCharactersInAnEmailAddressAreRefused() throws Exception {
        for (String hidden : List.of("\u202E", "\u200B", "\u2066", "\uFEFF")) {
            String address = "ann" + hidden + "-" + TestDatabase.randomName() + "@firm.example";
            assertThat(signup("Address Firm", "Ann Example", address))
                    .as("sign-up")
                    .isFalse();
            assertThat(count("SELECT count(*) FROM lexvault.signup_requests WHERE email = :marker", address, null))
                    .isZero();
            assertThat(api("/api/v1/clients", Map.of("name", "Mailed", "email", address)))
                    .as("client e-mail")
                    .isFalse();
        }
    }

    @Test
    void scriptInATitleIsShownAsText() throws Exception {
        String title = "<script>alert('x')</script> & co";
        assertThat(api("/api/v1/matters", Map.of("clientId", client(), "title", title)))
                .isTrue();
        var page = mvc.perform(get("/matters").cookie(session)).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString(StandardCharsets.UTF_8))
                .contains("&lt;script&gt;alert(")
                .doesNotContain("<script>alert");
    }

    // Senders

    private boolean api(String path, Map<String, ?> body) throws Exception {
        var response = mvc.perform(post(path)
                        .cookie(session)
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(asciiJson(body)))
                .andReturn()
                .getResponse();
        return outcome(response, response.getStatus() == 400);
    }

    private boolean upload(DocumentUploads upload) throws Exception {
        var response = http.postMultipart(
                session, "/api/v1/matters/" + matter.value() + "/documents", upload.contentType(), upload.body());
        return outcome(response, response.getStatus() == 400);
    }

    /** The public sign-up form: accepted is the redirect to "check your e-mail", refused is the form again. */
    private boolean signup(String firmName, String displayName, String marker) throws Exception {
        var response = mvc.perform(post("/signup")
                        .param("firm", firmName)
                        .param("name", displayName)
                        .param("email", marker)
                        .with(csrf())
                        .with(MockSignIn.fromNewAddress()))
                .andReturn()
                .getResponse();
        if ("/signup?sent".equals(response.getRedirectedUrl())) {
            return true;
        }
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("class=\"error\"");
        return false;
    }

    /** The API keys page: accepted shows the new key once, refused says what is wrong. */
    private boolean apiKey(String name) throws Exception {
        var result = mvc.perform(post("/account/api-keys")
                        .cookie(session)
                        .with(csrf())
                        .param("name", name)
                        .param("scope", "matters.read")
                        .param("days", "90"))
                .andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/account/api-keys");
        var flash = result.getFlashMap();
        if (flash.get("createdKey") != null) {
            return true;
        }
        assertThat(flash.get("problem")).as("the page's problem").isNotNull();
        return false;
    }

    private static boolean outcome(MockHttpServletResponse response, boolean refused) throws Exception {
        if (refused) {
            return false;
        }
        assertThat(response.getStatus())
                .as(response.getContentAsString(StandardCharsets.UTF_8))
                .isBetween(200, 299);
        return true;
    }

    // Helpers

    private String client() {
        return clientId.value().toString();
    }

    private static String marker() {
        return "text-" + TestDatabase.randomName() + "@firm.example";
    }

    private long count(String sql, String marker, @Nullable String value) {
        var statement = owner.sql(sql);
        if (sql.contains(":tenant")) {
            statement = statement.param("tenant", firm.value());
        }
        if (sql.contains(":marker")) {
            statement = statement.param("marker", marker);
        }
        if (sql.contains(":value")) {
            statement = statement.param("value", value, java.sql.Types.VARCHAR);
        }
        return statement.query(Long.class).single();
    }

    /**
     * JSON with every character outside printable ASCII escaped as {@code \\uXXXX}, so that a lone
     * surrogate reaches the server as JSON allows it (a serializer would refuse or replace it).
     */
    private String asciiJson(Object value) {
        if (value instanceof Map<?, ?> map) {
            var out = new StringBuilder("{");
            map.forEach((k, v) -> out.append(out.length() > 1 ? "," : "")
                    .append(asciiJson(k))
                    .append(':')
                    .append(asciiJson(v)));
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            var out = new StringBuilder("[");
            list.forEach(v -> out.append(out.length() > 1 ? "," : "").append(asciiJson(v)));
            return out.append(']').toString();
        }
        String text = value.toString();
        var out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }
}
