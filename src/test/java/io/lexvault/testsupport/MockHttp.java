package io.lexvault.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.lexvault.documents.DocumentUploads;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
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

    /** Uploads one file to a matter through the API as the session's person; the new document's id. */
    public UUID upload(Cookie session, UUID matter, String name, byte[] content) throws Exception {
        var upload = DocumentUploads.aFile(name, content);
        var response =
                postMultipart(session, "/api/v1/matters/" + matter + "/documents", upload.contentType(), upload.body());
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return UUID.fromString(
                json.readTree(response.getContentAsString()).get("id").asString());
    }

    /** Polls the document's indexing status through the API until it is indexed (fails on anything else). */
    public void awaitIndexed(Cookie session, UUID document) throws Exception {
        @Nullable JsonNode status = null;
        for (int attempt = 0; attempt < 600; attempt++) {
            status = getJson(session, "/api/v1/documents/" + document).get("indexing");
            String state = status.get("state").asString();
            if (!state.equals("queued") && !state.equals("extracting")) {
                assertThat(state).as(status.toString()).isEqualTo("indexed");
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not indexed in time: " + status);
    }
}
