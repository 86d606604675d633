package io.lexvault.testsupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link FirmTest} with the HTTP client (MockMvc, so a subclass declares
 * {@code @AutoConfigureMockMvc}). Declares no Spring annotation, so a subclass keeps its own
 * {@code @SpringBootTest} properties and shares whatever context those select.
 */
public abstract class FirmWebTest extends FirmTest {

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected JsonMapper json;

    protected MockHttp http;

    @Autowired
    void requests(MockMvc mvc, JsonMapper json) {
        http = new MockHttp(mvc, json);
    }
}
