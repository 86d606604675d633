package io.lexvault.testsupport;

import io.lexvault.access.roles.RoleAssignments;
import io.lexvault.identity.Accounts;
import io.lexvault.tenancy.Tenants;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * The collaborators every firm-building web test injected for itself: the HTTP client, and the
 * services that make a firm and its people. Declares no Spring annotation, so a subclass keeps its
 * own {@code @SpringBootTest} properties and shares whatever context those select.
 */
public abstract class FirmWebTest {

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected Tenants tenants;

    @Autowired
    protected Accounts accounts;

    @Autowired
    protected RoleAssignments roles;

    protected MockHttp http;

    @Autowired
    void requests(MockMvc mvc, JsonMapper json) {
        http = new MockHttp(mvc, json);
    }
}
