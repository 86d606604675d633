package io.lexvault.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The requests the integration tests make as a signed-in person, in one place: sign in, ask for a
 * status, read a page or JSON that must be there (200), send a form or JSON body with the CSRF token.
 * Tests build it in an {@code @Autowired} method, so it is ready before any {@code @BeforeEach}.
 */
public final class MockHttp {

    private final MockMvc mvc;
    private final JsonMapper json;

    public MockHttp(MockMvc mvc, JsonMapper json) {
        this.mvc = mvc;
        this.json = json;
    }

    /** Signs the person in with their password; the session cookie of the signed-in session. */
    public Cookie signIn(People.Person person) throws Exception {
        return MockSignIn.session(mvc, person);
    }

    public int status(Cookie session, String path) throws Exception {
        return mvc.perform(get(path).cookie(session)).andReturn().getResponse().getStatus();
    }

    /** The body of a page that must answer 200. */
    public String page(Cookie session, String path) throws Exception {
        var response = mvc.perform(get(path).cookie(session)).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    /** The JSON of a resource that must answer 200. */
    public JsonNode getJson(Cookie session, String path) throws Exception {
        return json.readTree(page(session, path));
    }

    /** Sends the request with the session and CSRF token, and the body as JSON when there is one. */
    public MockHttpServletResponse send(Cookie session, MockHttpServletRequestBuilder request, @Nullable Object body)
            throws Exception {
        request.cookie(session).with(csrf());
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    /** Posts a multipart body (a file upload) with the session and CSRF token. */
    public MockHttpServletResponse postMultipart(Cookie session, String path, String contentType, byte[] body)
            throws Exception {
        return mvc.perform(post(path)
                        .cookie(session)
                        .with(csrf())
                        .contentType(contentType)
                        .content(body))
                .andReturn()
                .getResponse();
    }

    /** The status of {@link #send}'s response. */
    public int statusOf(Cookie session, MockHttpServletRequestBuilder request, @Nullable Object body) throws Exception {
        return send(session, request, body).getStatus();
    }
}
