package io.lexvault.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.Permission;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.HandlerProbe;
import io.lexvault.testsupport.MockSignIn;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

/**
 * Malformed input to every handler, found at run time: every typed parameter and path variable, and
 * every field of every JSON body, gets a value that does not parse. The answer is always 400 with our
 * own sentence naming the parameter or field (problem details for the API, the error page for
 * browsers), and never the text of the exception that the parsing threw.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class MalformedInputIntegrationTests extends FirmWebTest {

    /** Pieces of Java's and Spring's own messages that must never reach a caller. */
    private static final List<String> EXCEPTION_TEXT = List.of(
            "For input string",
            "Failed to convert",
            "java.",
            "Exception",
            "Invalid UUID",
            "could not be parsed",
            "No enum constant",
            "Cannot deserialize",
            "Cannot coerce",
            "out of range of");

    private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    @Autowired
    ApplicationContext context;

    @Test
    void everyTypedParameterOfEveryHandlerRefusesAMalformedValueInOurOwnWords() throws Exception {
        Cookie admin = anAdministrator();
        var problems = new ArrayList<String>();
        int probed = 0;
        for (var probe : HandlerProbe.everyMapping(context)) {
            if (!heldByAdministrators(probe)) {
                continue;
            }
            for (var parameter : probe.handler().getMethodParameters()) {
                parameter.initParameterNameDiscovery(NAMES);
                String name = boundName(parameter);
                Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
                String mustBe = mustBe(type);
                if (name == null || mustBe == null) {
                    continue;
                }
                for (String malformed : malformedValuesOf(type)) {
                    probed++;
                    String expected = "Parameter '" + name + "' must be " + mustBe + ".";
                    String what = probe + " with " + name + "=" + malformed;
                    answered(probe.request(Map.of(name, malformed)), admin)
                            .ifPresentOrElse(
                                    result -> check(probe, result, expected, what, problems),
                                    () -> problems.add(what + " failed with an exception (a 500)"));
                }
            }
        }
        assertThat(probed).as("typed parameters probed").isGreaterThan(40);
        assertThat(problems)
                .as("malformed parameters answered otherwise than 400 in our words")
                .isEmpty();
    }

    /**
     * Text parameters that handlers parse themselves (sort orders, statuses, kinds): an unknown value is
     * the caller's mistake, answered without a server error and without any parser's message.
     */
    @Test
    void everyTextParameterOfTheApiRefusesAnUnknownValueWithoutExceptionText() throws Exception {
        Cookie admin = anAdministrator();
        var problems = new ArrayList<String>();
        int probed = 0;
        for (var probe : HandlerProbe.everyMapping(context)) {
            if (!probe.isApi() || !heldByAdministrators(probe)) {
                continue;
            }
            for (var parameter : probe.handler().getMethodParameters()) {
                parameter.initParameterNameDiscovery(NAMES);
                String name = boundName(parameter);
                if (name == null || parameter.nestedIfOptional().getNestedParameterType() != String.class) {
                    continue;
                }
                probed++;
                String what = probe + " with " + name + "=no-such-value";
                var outcome = answered(probe.request(Map.of(name, "no-such-value")), admin);
                if (outcome.isEmpty()) {
                    problems.add(what + " failed with an exception (a 500)");
                    continue;
                }
                var response = outcome.get().getResponse();
                String body = response.getContentAsString(StandardCharsets.UTF_8);
                if (response.getStatus() >= 500) {
                    problems.add(what + " answered " + response.getStatus());
                }
                for (String text : EXCEPTION_TEXT) {
                    if (body.contains(text)) {
                        problems.add(what + " answered with exception text \"" + text + "\": " + body);
                    }
                }
            }
        }
        assertThat(probed).as("text parameters probed").isGreaterThan(3);
        assertThat(problems)
                .as("unknown text values answered with a server error or exception text")
                .isEmpty();
    }

    @Test
    void everyFieldOfEveryJsonBodyRefusesAValueOfTheWrongTypeNamingTheField() throws Exception {
        Cookie admin = anAdministrator();
        var problems = new ArrayList<String>();
        int probed = 0;
        for (var probe : HandlerProbe.everyMapping(context)) {
            var body = requestBody(probe);
            if (body == null || !heldByAdministrators(probe)) {
                continue;
            }
            for (RecordComponent component : body.getRecordComponents()) {
                for (var wrong : wrongJsonValuesOf(component).entrySet()) {
                    probed++;
                    String content = "{\"" + component.getName() + "\":" + wrong.getKey() + "}";
                    sendBody(probe, content, admin, wrong.getValue(), problems);
                }
            }
            sendBody(probe, "{\"", admin, "The request body is not valid JSON.", problems);
            sendBody(probe, "[]", admin, "The request body must be a JSON object.", problems);
            sendBody(probe, "", admin, "The request body is missing.", problems);
        }
        assertThat(probed).as("JSON fields probed").isGreaterThan(20);
        assertThat(problems)
                .as("bodies of the wrong shape answered otherwise than 400 in our words")
                .isEmpty();
    }

    // Item 6: one test per numeric field read from JSON.

    @Test
    void retentionYearsAreAWholeNumberFromOneToAHundredAndNothingElseIsStored() throws Exception {
        Cookie admin = anAdministrator();
        for (String years : List.of("7.5", "7.0", "1e1", "\"7\"", "true", "99999999999")) {
            var response = send(put("/api/v1/audit/retention"), "{\"years\":" + years + "}", admin);
            assertRefused(response, "Field 'years' must be a whole number.", "years=" + years);
        }
        for (String years : List.of("0", "101", "-7", "null")) {
            var response = send(put("/api/v1/audit/retention"), "{\"years\":" + years + "}", admin);
            assertRefused(response, "Field 'years' must be a whole number between 1 and 100.", "years=" + years);
        }
        assertRefused(
                send(put("/api/v1/audit/retention"), "{}", admin),
                "Field 'years' must be a whole number between 1 and 100.",
                "no years");
        var shown = mvc.perform(get("/api/v1/audit/retention").cookie(admin))
                .andReturn()
                .getResponse();
        assertThat(json.readTree(shown.getContentAsString()).get("years").asInt())
                .as("nothing refused was stored")
                .isEqualTo(7);
        assertThat(json.readTree(shown.getContentAsString()).get("chosen").asBoolean())
                .isFalse();
        assertThat(send(put("/api/v1/audit/retention"), "{\"years\":8}", admin).getStatus())
                .isEqualTo(200);
    }

    @Test
    void aConflictCheckThresholdIsANumberFromPointTwoToOne() throws Exception {
        Cookie admin = anAdministrator();
        for (String threshold : List.of("\"0.5\"", "true", "[0.5]")) {
            assertRefused(
                    send(post("/api/v1/conflicts"), "{\"name\":\"Acme\",\"threshold\":" + threshold + "}", admin),
                    "Field 'threshold' must be a number.",
                    "threshold=" + threshold);
        }
        for (String threshold : List.of("0.1", "1.5", "-1", "1e308")) {
            assertRefused(
                    send(post("/api/v1/conflicts"), "{\"name\":\"Acme\",\"threshold\":" + threshold + "}", admin),
                    "Field 'threshold' must be a number from 0.2 to 1.",
                    "threshold=" + threshold);
        }
        assertThat(send(post("/api/v1/conflicts"), "{\"name\":\"Acme\",\"threshold\":1}", admin)
                        .getStatus())
                .as("a whole number is a number")
                .isEqualTo(200);
    }

    @Test
    void aConflictCheckLimitIsAWholeNumberFromOneTo500() throws Exception {
        Cookie admin = anAdministrator();
        for (String limit : List.of("10.5", "10.0", "\"10\"", "false", "99999999999")) {
            assertRefused(
                    send(post("/api/v1/conflicts"), "{\"name\":\"Acme\",\"limit\":" + limit + "}", admin),
                    "Field 'limit' must be a whole number.",
                    "limit=" + limit);
        }
        for (String limit : List.of("0", "501", "-1")) {
            assertRefused(
                    send(post("/api/v1/conflicts"), "{\"name\":\"Acme\",\"limit\":" + limit + "}", admin),
                    "Field 'limit' must be a whole number from 1 to 500.",
                    "limit=" + limit);
        }
        assertThat(send(post("/api/v1/conflicts"), "{\"name\":\"Acme\",\"limit\":10}", admin)
                        .getStatus())
                .isEqualTo(200);
    }

    @Test
    void theMatterNumberFormatsEnforcedSwitchIsABooleanNotAStringOrNumber() throws Exception {
        Cookie admin = anAdministrator();
        for (String enforced : List.of("\"true\"", "1", "0")) {
            assertRefused(
                    send(
                            put("/api/v1/firm/matter-number-format"),
                            "{\"format\":\"{SEQ}\",\"enforced\":" + enforced + "}",
                            admin),
                    "Field 'enforced' must be true or false.",
                    "enforced=" + enforced);
        }
    }

    private void sendBody(HandlerProbe probe, String content, Cookie admin, String expected, List<String> problems)
            throws Exception {
        String what = probe + " with body " + content;
        var request = probe.request().content(content).contentType(MediaType.APPLICATION_JSON);
        answered(request, admin)
                .ifPresentOrElse(
                        result -> check(probe, result, expected, what, problems),
                        () -> problems.add(what + " failed with an exception (a 500)"));
    }

    private static void check(
            HandlerProbe probe, MvcResult result, String expected, String what, List<String> problems) {
        MockHttpServletResponse response = result.getResponse();
        String body;
        try {
            body = response.getContentAsString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            problems.add(what + " has an unreadable body");
            return;
        }
        if (!probe.reachedBy(result)) {
            problems.add(what + " did not reach its handler (" + response.getStatus() + ")");
        }
        if (response.getStatus() != 400) {
            problems.add(what + " answered " + response.getStatus() + " instead of 400");
        }
        if (probe.isApi()) {
            if (!body.contains("\"detail\":\"" + expected.replace("\"", "\\\"") + "\"")) {
                problems.add(what + " answered " + body + " instead of the detail \"" + expected + "\"");
            }
        } else if (!body.contains(HtmlUtils.htmlEscape(expected))) {
            problems.add(what + " showed a page without \"" + expected + "\"");
        }
        for (String text : EXCEPTION_TEXT) {
            if (body.contains(text)) {
                problems.add(what + " answered with exception text \"" + text + "\": " + body);
            }
        }
    }

    private static void assertRefused(MockHttpServletResponse response, String detail, String what) throws Exception {
        String body = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(what + ": " + body).isEqualTo(400);
        assertThat(response.getContentType()).as(what).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(body).as(what).contains("\"detail\":\"" + detail + "\"");
        assertThat(body).as(what).doesNotContain(EXCEPTION_TEXT.toArray(String[]::new));
    }

    private MockHttpServletResponse send(MockHttpServletRequestBuilder request, String content, Cookie session)
            throws Exception {
        return mvc.perform(request.cookie(session)
                        .with(csrf())
                        .with(MockSignIn.fromNewAddress())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(content))
                .andReturn()
                .getResponse();
    }

    /** The result, or empty where MockMvc rethrew what a real server answers 500 for. */
    private java.util.Optional<MvcResult> answered(
            org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder<?> request,
            Cookie session)
            throws Exception {
        try {
            return java.util.Optional.of(
                    mvc.perform(request.cookie(session).with(csrf()).with(MockSignIn.fromNewAddress()))
                            .andReturn());
        } catch (ServletException e) {
            return java.util.Optional.empty();
        }
    }

    private Cookie anAdministrator() throws Exception {
        var firm = aFirm("Malformed");
        return MockSignIn.session(mvc, withRole(firm, BuiltInRole.ADMINISTRATOR));
    }

    private static final Set<String> ADMINISTRATORS = BuiltInRole.ADMINISTRATOR.permissions().stream()
            .map(Permission::key)
            .collect(Collectors.toSet());

    /** Probes an administrator cannot pass the permission check of would answer 403 before any parsing. */
    private static boolean heldByAdministrators(HandlerProbe probe) {
        var required = probe.annotation(RequiresPermission.class);
        return required == null || ADMINISTRATORS.contains(required.value());
    }

    private static String boundName(MethodParameter parameter) {
        var param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null) {
            return param.name().isEmpty() ? parameter.getParameterName() : param.name();
        }
        var variable = parameter.getParameterAnnotation(PathVariable.class);
        if (variable != null) {
            return variable.name().isEmpty() ? parameter.getParameterName() : variable.name();
        }
        return null;
    }

    private static Class<?> requestBody(HandlerProbe probe) {
        for (var parameter : probe.handler().getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)
                    && parameter.getParameterType().isRecord()) {
                return parameter.getParameterType();
            }
        }
        return null;
    }

    private static boolean whole(Class<?> type) {
        return Set.of(int.class, long.class, short.class, Integer.class, Long.class, Short.class, BigInteger.class)
                .contains(type);
    }

    private static boolean fractional(Class<?> type) {
        return Set.of(double.class, float.class, Double.class, Float.class, BigDecimal.class)
                .contains(type);
    }

    /** What the sentence says a parameter of the type must be; null for types that take any text. */
    private static String mustBe(Class<?> type) {
        if (whole(type)) {
            return "a whole number";
        }
        if (fractional(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == LocalDate.class) {
            return "a date like 2026-01-31";
        }
        if (type == Instant.class) {
            return "a time like 2026-01-31T09:00:00Z";
        }
        if (type.isEnum()) {
            return "one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(constant -> ((Enum<?>) constant).name())
                            .collect(Collectors.joining(", "));
        }
        return null;
    }

    private static List<String> malformedValuesOf(Class<?> type) {
        if (whole(type)) {
            return List.of("abc", "7.5", "99999999999999999999");
        }
        if (fractional(type)) {
            return List.of("abc", "1,5");
        }
        if (type == UUID.class) {
            return List.of("abc", "12345");
        }
        if (type == LocalDate.class) {
            return List.of("2026-02-30", "tomorrow");
        }
        if (type == Instant.class) {
            return List.of("yesterday");
        }
        return List.of("maybe-not");
    }

    private static String jsonMustBe(Class<?> type) {
        String words = mustBe(type);
        if (words != null) {
            return words;
        }
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    /** JSON values no strict reader takes for the component's type, each with the sentence it gets. */
    private static Map<String, String> wrongJsonValuesOf(RecordComponent component) {
        Class<?> type = component.getType();
        String name = component.getName();
        String expected = "Field '" + name + "' must be " + jsonMustBe(type) + ".";
        var values = new LinkedHashMap<String, String>();
        List<String> wrong;
        if (whole(type)) {
            wrong = List.of("7.5", "\"7\"", "true");
        } else if (fractional(type)) {
            wrong = List.of("\"0.5\"", "false");
        } else if (type == Boolean.class || type == boolean.class) {
            wrong = List.of("\"true\"", "1");
        } else if (type == UUID.class) {
            wrong = List.of("\"abc\"", "42");
        } else if (type == String.class) {
            wrong = List.of("42", "{}", "false");
        } else if (Collection.class.isAssignableFrom(type)) {
            wrong = List.of("\"abc\"", "{}");
            var element = component.getGenericType() instanceof ParameterizedType generic
                    ? generic.getActualTypeArguments()[0]
                    : Object.class;
            if (element == String.class) {
                // A list's element of the wrong type is named with its index.
                values.put("[42]", "Field '" + name + "[0]' must be text.");
            }
        } else {
            wrong = List.of("\"abc\"");
        }
        wrong.forEach(value -> values.put(value, expected));
        return values;
    }
}
