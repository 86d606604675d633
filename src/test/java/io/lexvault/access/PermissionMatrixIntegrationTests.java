package io.lexvault.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.lexvault.identity.ApiKeys;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.Firms;
import io.lexvault.testsupport.HandlerProbe;
import io.lexvault.testsupport.MockSignIn;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.People.Person;
import io.lexvault.testsupport.TestDatabase;
import io.lexvault.web.PublicEndpoint;
import io.lexvault.web.RequiresPermission;
import io.lexvault.web.SignedInEndpoint;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every registered handler against every built-in role, signed out, and through API keys: what a
 * handler declares ({@link RequiresPermission}, {@link SignedInEndpoint}, {@link PublicEndpoint}) is
 * what callers get. The handlers are read from the running context, so handlers added later are
 * walked too; a handler this cannot probe fails the walk rather than being skipped.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class PermissionMatrixIntegrationTests extends FirmWebTest {

    private static final Logger log = LoggerFactory.getLogger(PermissionMatrixIntegrationTests.class);

    @Autowired
    ApplicationContext context;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void everyHandlerNamesAPermissionOfTheCatalogue() {
        var unknown = HandlerProbe.everyMapping(context).stream()
                .filter(probe -> probe.annotation(RequiresPermission.class) != null)
                .filter(probe -> Permission.fromKey(
                                probe.annotation(RequiresPermission.class).value())
                        .isEmpty())
                .map(probe -> probe + " requires "
                        + probe.annotation(RequiresPermission.class).value())
                .toList();
        // A misspelt key is held by nobody, the administrator included: the handler would be dead, and
        // the walk below would count its 403s as correct refusals.
        assertThat(unknown)
                .as("handlers naming a permission that is not in Permission")
                .isEmpty();
    }

    /**
     * Handlers that end the caller's own session by design, as "METHOD /pattern" with the reason. Each
     * is probed after the rest of a role's walk, on a session of its own, so it cannot sign the walk
     * out half-way. None today: signing out is Spring Security's filter, not a handler, and ending
     * "other" sessions keeps the caller's. The walk stops a role and names the probe when a session
     * stops working, which is how a new such handler shows up.
     */
    private static final Map<String, String> END_THE_CALLERS_SESSION = Map.of();

    @Test
    void everyHandlerAnswersEachBuiltInRoleAsItsDeclaredPermissionSays() throws Exception {
        var probes = HandlerProbe.everyMapping(context);
        var keepingTheSession = probes.stream()
                .filter(probe -> !END_THE_CALLERS_SESSION.containsKey(probe.method() + " " + probe.pattern()))
                .toList();
        var endingTheSession = probes.stream()
                .filter(probe -> END_THE_CALLERS_SESSION.containsKey(probe.method() + " " + probe.pattern()))
                .toList();
        var problems = new ArrayList<String>();
        int requests = 0;
        int refusals = 0;
        for (BuiltInRole role : BuiltInRole.values()) {
            // A firm of its own per role: what one role's probes change (a firm's policy, say) cannot
            // change what the next role is answered. Wrong passwords and codes sent to the account's own
            // forms count against the lockout (a handful of the five allowed).
            var person = aPersonWith(role);
            Set<String> held = keys(role.permissions());
            Cookie session = http.signIn(person);
            HandlerProbe previous = null;
            for (var probe : keepingTheSession) {
                var outcome =
                        perform(probe.request().cookie(session).with(csrf()).with(MockSignIn.fromNewAddress()));
                requests++;
                if (outcome.failure().isPresent()) {
                    problems.add(
                            role.key() + ": " + probe + " " + outcome.failure().get());
                } else {
                    MvcResult result = outcome.result();
                    refusals += result.getResponse().getStatus() == 403 ? 1 : 0;
                    var problem = problemWith(probe, held, result);
                    problem.ifPresent(p -> problems.add(role.key() + ": " + probe + " " + p));
                    if (problem.isPresent() && !probe.reachedBy(result)) {
                        problems.add(role.key() + ": the session stopped working at " + probe + ", right after "
                                + previous + "; if that handler ends the caller's session by design,"
                                + " list it in END_THE_CALLERS_SESSION with the reason");
                        break;
                    }
                }
                previous = probe;
            }
            for (var probe : endingTheSession) {
                var outcome = perform(
                        probe.request().cookie(http.signIn(person)).with(csrf()).with(MockSignIn.fromNewAddress()));
                requests++;
                if (outcome.failure().isPresent()) {
                    problems.add(
                            role.key() + ": " + probe + " " + outcome.failure().get());
                } else {
                    refusals += outcome.result().getResponse().getStatus() == 403 ? 1 : 0;
                    problemWith(probe, held, outcome.result())
                            .ifPresent(p -> problems.add(role.key() + ": " + probe + " " + p));
                }
            }
        }
        log.info(
                "Walked {} mappings x {} built-in roles: {} requests, {} refused with 403",
                probes.size(),
                BuiltInRole.values().length,
                requests,
                refusals);
        assertThat(problems)
                .as("handlers answering a role otherwise than they declare")
                .isEmpty();
        assertThat(refusals)
                .as("some role lacks some handler's permission, so the walk must have seen refusals")
                .isPositive();
    }

    @Test
    void signedOutVisitorsReachOnlyPublicHandlers() throws Exception {
        var problems = new ArrayList<String>();
        var probes = HandlerProbe.everyMapping(context);
        for (var probe : probes) {
            var outcome = perform(probe.request().with(csrf()).with(MockSignIn.fromNewAddress()));
            if (outcome.failure().isPresent()) {
                problems.add(probe + " " + outcome.failure().get());
                continue;
            }
            MvcResult result = outcome.result();
            int status = result.getResponse().getStatus();
            if (probe.annotation(PublicEndpoint.class) != null) {
                if (!probe.reachedBy(result) || status == 401 || status == 403 || status >= 500) {
                    problems.add(probe + " is public but answered a signed-out visitor " + status
                            + (probe.reachedBy(result) ? "" : " without reaching the handler"));
                }
            } else if (probe.reachedBy(result)) {
                problems.add(probe + " reached its handler signed out (" + status + ")");
            } else if (probe.isApi()) {
                if (status != 401) {
                    problems.add(probe + " answered a signed-out API call " + status + " instead of 401");
                }
            } else if (status != 302 || !isSignInPage(result.getResponse().getRedirectedUrl())) {
                problems.add(probe + " answered a signed-out visitor " + status + " "
                        + result.getResponse().getRedirectedUrl() + " instead of sending them to /login");
            }
        }
        log.info("Walked {} mappings signed out", probes.size());
        assertThat(problems).as("what signed-out visitors get").isEmpty();
    }

    @Test
    void anApiKeyIsRefusedOutsideItsScopesEvenWhenItsOwnerHoldsThePermission() throws Exception {
        var apiProbes = HandlerProbe.everyMapping(context).stream()
                .filter(HandlerProbe::isApi)
                .toList();
        // The API's permissions split in two; each key carries everything but one half, so every API
        // handler is called once by a key holding its permission and once by a key lacking only it
        // (and a few others), while the owner, an administrator, holds them all.
        var apiPermissions = apiProbes.stream()
                .map(probe -> probe.annotation(RequiresPermission.class))
                .filter(required -> required != null)
                .map(RequiresPermission::value)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(apiPermissions).as("permissions the API's handlers require").isNotEmpty();
        var halves = List.of(new TreeSet<String>(), new TreeSet<String>());
        int i = 0;
        for (String permission : apiPermissions) {
            halves.get(i++ % 2).add(permission);
        }
        var owner = aPersonWith(BuiltInRole.ADMINISTRATOR);
        var problems = new ArrayList<String>();
        int requests = 0;
        int refusals = 0;
        for (var withheld : halves) {
            var scopes = new TreeSet<>(keys(EnumSet.allOf(Permission.class)));
            scopes.removeAll(withheld);
            String key = TenantContext.callAs(
                            owner.firm(),
                            owner.id().value(),
                            () -> apiKeys.create(owner.id(), "probe", scopes, Duration.ofDays(1)))
                    .secret();
            for (var probe : apiProbes) {
                var outcome = perform(
                        probe.request().header("Authorization", "Bearer " + key).with(MockSignIn.fromNewAddress()));
                requests++;
                if (outcome.failure().isPresent()) {
                    problems.add("key without " + withheld + ": " + probe + " "
                            + outcome.failure().get());
                    continue;
                }
                MvcResult result = outcome.result();
                if (result.getResponse().getStatus() == 403) {
                    refusals++;
                }
                problemWith(probe, scopes, result)
                        .ifPresent(p -> problems.add("key without " + withheld + ": " + probe + " " + p));
            }
        }
        log.info(
                "Walked {} API mappings x 2 keys: {} requests, {} refused with 403",
                apiProbes.size(),
                requests,
                refusals);
        assertThat(problems)
                .as("API handlers answering a key otherwise than its scopes say")
                .isEmpty();
        assertThat(refusals)
                .as("each key lacks the permission of some API handler, so the walk must have seen refusals")
                .isPositive();
    }

    @Test
    void takingABuiltInRoleAwayTakesEffectAtTheNextRequestOfTheSessionAndTheApiKey() throws Exception {
        var person = aPersonWith(BuiltInRole.ATTORNEY);
        TenantContext.runAs(person.firm(), null, () -> roles.assign(person.id(), BuiltInRole.AUDITOR));
        Cookie session = http.signIn(person);
        String key = TenantContext.callAs(
                        person.firm(),
                        person.id().value(),
                        () -> apiKeys.create(
                                person.id(), "reader", List.of("audit.read", "matters.read"), Duration.ofDays(1)))
                .secret();
        UnaryOperator<MockHttpServletRequestBuilder> bySession = request -> request.cookie(session);
        UnaryOperator<MockHttpServletRequestBuilder> byKey =
                request -> request.header("Authorization", "Bearer " + key);
        assertThat(status(bySession.apply(get("/admin/audit")))).isEqualTo(200);
        assertThat(status(byKey.apply(get("/api/v1/audit/events")))).isEqualTo(200);

        TenantContext.runAs(person.firm(), null, () -> roles.remove(person.id(), BuiltInRole.AUDITOR));

        assertThat(status(bySession.apply(get("/admin/audit"))))
                .as("the same session, its very next request")
                .isEqualTo(403);
        assertThat(status(byKey.apply(get("/api/v1/audit/events"))))
                .as("the same key, its very next request")
                .isEqualTo(403);
        var me = mvc.perform(bySession.apply(get("/api/v1/me"))).andReturn().getResponse();
        assertThat(me.getStatus()).as("still signed in, only with less").isEqualTo(200);
        assertThat(me.getContentAsString()).contains("\"roles\":[\"attorney\"]").doesNotContain("audit.read");
        assertThat(mvc.perform(byKey.apply(get("/api/v1/me")))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .as("the key keeps the scopes its owner still holds")
                .contains("\"permissions\":[\"matters.read\"]");

        TenantContext.runAs(person.firm(), null, () -> roles.assign(person.id(), BuiltInRole.AUDITOR));

        assertThat(status(bySession.apply(get("/admin/audit"))))
                .as("given back, the role counts again at once")
                .isEqualTo(200);
        assertThat(status(byKey.apply(get("/api/v1/audit/events")))).isEqualTo(200);
    }

    /**
     * Why a signed-in caller holding {@code held} was answered wrongly by the probe, if they were: a
     * declared permission they lack must give exactly 403, one they hold anything but 403; handlers
     * open to every signed-in user never refuse; nothing answers a server error.
     */
    static Optional<String> problemWith(HandlerProbe probe, Set<String> held, MvcResult result) {
        int status = result.getResponse().getStatus();
        if (!probe.reachedBy(result)) {
            return Optional.of("did not reach its handler (" + status + " "
                    + Optional.ofNullable(result.getResponse().getRedirectedUrl())
                            .orElse("") + ")");
        }
        if (status >= 500) {
            return Optional.of("answered " + status);
        }
        var required = probe.annotation(RequiresPermission.class);
        if (required != null) {
            boolean holds = held.contains(required.value());
            if (holds && status == 403) {
                return Optional.of("refused the caller although they hold " + required.value());
            }
            if (!holds && status != 403) {
                return Optional.of(
                        "answered " + status + " although the caller lacks " + required.value() + " (expected 403)");
            }
            return Optional.empty();
        }
        if (probe.annotation(SignedInEndpoint.class) != null || probe.annotation(PublicEndpoint.class) != null) {
            return status == 403 ? Optional.of("refused a signed-in caller (403)") : Optional.empty();
        }
        return Optional.of("declares neither @RequiresPermission, @SignedInEndpoint nor @PublicEndpoint");
    }

    /** A probe's answer, or the exception a real server would have answered 500 for. */
    record Outcome(MvcResult result, Optional<String> failure) {}

    /**
     * MockMvc rethrows what a handler fails with instead of answering 500 as the server does; the walk
     * records it as that handler's problem and goes on, so one broken handler hides no other.
     */
    private Outcome perform(RequestBuilder request) throws Exception {
        try {
            return new Outcome(mvc.perform(request).andReturn(), Optional.empty());
        } catch (ServletException e) {
            Throwable cause = e.getRootCause() == null ? e : e.getRootCause();
            return new Outcome(null, Optional.of("failed (a 500 on a real server): " + cause));
        }
    }

    private Person aPersonWith(BuiltInRole role) {
        var firm = Firms.aFirm(tenants, role.title() + " " + TestDatabase.randomName());
        var person = People.aPerson(accounts, firm);
        TenantContext.runAs(firm, null, () -> roles.assign(person.id(), role));
        return person;
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(MockSignIn.fromNewAddress()))
                .andReturn()
                .getResponse()
                .getStatus();
    }

    private static Set<String> keys(Set<Permission> permissions) {
        return permissions.stream().map(Permission::key).collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isSignInPage(String location) {
        return location != null && URI.create(location).getPath().equals("/login");
    }
}
