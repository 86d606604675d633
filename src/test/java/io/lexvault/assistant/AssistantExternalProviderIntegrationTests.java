package io.lexvault.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.lexvault.access.BuiltInRole;
import io.lexvault.assistant.providers.ProviderSettings;
import io.lexvault.cli.AssistantCommand;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.matters.parties.Parties;
import io.lexvault.matters.parties.PartyKind;
import io.lexvault.matters.parties.PartyRole;
import io.lexvault.testsupport.AssistantProviderFixtures;
import io.lexvault.testsupport.FakeOpenAiServer;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.Firms;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * The assistant issue's second "Done means", end to end with nothing stood in for: a firm configured
 * (through {@link ProviderSettings}, as its administrator) to use a local OpenAI-compatible server that
 * records what it receives; the attorney asks through the API; the answer streams from the real client
 * code, its citation is verified against the passage, its receipt verifies with the CLI against the
 * published key, and the server's record of what left holds none of the matter's identifiers (client,
 * party, people, e-mail address, phone number, IBAN, personal identity number).
 */
@SpringBootTest(
        properties = {
            "lexvault.identity.sign-in-throttle.attempts=100000",
            "lexvault.search.index-path=target/test-var/assistant-external-index-tests"
        })
@AutoConfigureMockMvc
class AssistantExternalProviderIntegrationTests extends FirmWebTest {

    static final List<String> IDENTIFIERS = List.of(
            "Lindqvist",
            "Fastigheter",
            "Karin",
            "Bergström",
            "Bergströms",
            "karin.bergstrom@example.se",
            "+46 70 123 45 67",
            "SE45 5000 0000 0583 9825 7466",
            "811218-9876");

    @Autowired
    Matters matters;

    @Autowired
    Parties parties;

    @Autowired
    ProviderSettings providerSettings;

    @TempDir
    Path dir;

    @Test
    void anAnswerFromALocalOpenAiCompatibleServerStreamsIsVerifiedAndSignedAndNoIdentifierLeaves() throws Exception {
        var firm = Firms.aFirm(tenants, "External " + TestDatabase.randomName());
        var admin = People.withRoles(accounts, roles, firm, BuiltInRole.ADMINISTRATOR);
        var attorney = People.withRoles(accounts, roles, firm, BuiltInRole.ATTORNEY);
        MatterId lease = as(
                attorney,
                () -> matters.open(
                        matters.openClient("Lindqvist Fastigheter AB"), "E-" + TestDatabase.randomName(), "Lease"));
        as(attorney, () -> parties.add(lease, "Karin Bergström", PartyKind.PERSON, PartyRole.OPPOSING_PARTY, null));
        Cookie session = http.signIn(attorney);
        UUID document = uploaded(
                session,
                lease,
                "lease.txt",
                "Lease between Lindqvist Fastigheter AB and Karin Bergström (personnummer 811218-9876).\n\n"
                        + "The notice period for termination is three months. Karin Bergströms deposit is paid to"
                        + " IBAN SE45 5000 0000 0583 9825 7466. Notices go to karin.bergstrom@example.se or"
                        + " +46 70 123 45 67.\n");
        http.awaitIndexed(session, document);

        try (var server = FakeOpenAiServer.start()) {
            server.answer("The notice period is ", "\"three months\" [1].").usage(150, 9);
            as(admin, () -> providerSettings.change(AssistantProviderFixtures.openAiCompatible(server)));

            var response = mvc.perform(post("/api/v1/matters/" + lease.value() + "/assistant/questions")
                            .cookie(session)
                            .with(csrf())
                            .accept(MediaType.TEXT_EVENT_STREAM)
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(Map.of(
                                    "question",
                                    "What notice period applies to Karin Bergström, and where is her deposit paid?"))))
                    .andReturn()
                    .getResponse();
            assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
            String stream = response.getContentAsString(StandardCharsets.UTF_8);
            assertThat(stream).as("streamed pieces, then the whole answer").contains("three months");
            JsonNode answer = lastEventData(stream);
            assertThat(answer.get("provider").asString()).isEqualTo("openai-compatible");
            assertThat(answer.get("unverifiedSentences").asLong()).isZero();
            var citation = answer.get("citations").get(0);
            assertThat(citation.get("documentId").asString()).isEqualTo(document.toString());
            assertThat(citation.get("verified").asBoolean()).isTrue();
            assertThat(answer.get("disclaimer").asString()).contains("Art. 50");

            // What left for the provider: pseudonymised, nothing identifying.
            assertThat(server.received()).isNotEmpty();
            String everything = server.everythingReceived();
            assertThat(everything).contains("three months");
            for (String identifier : IDENTIFIERS) {
                assertThat(everything).as("sent to the provider").doesNotContainIgnoringCase(identifier);
            }

            // The receipt, downloaded and checked with the CLI against the published key.
            String receiptId = answer.get("receiptId").asString();
            byte[] file = mvc.perform(
                            get("/api/v1/assistant/receipts/" + receiptId).cookie(session))
                    .andReturn()
                    .getResponse()
                    .getContentAsByteArray();
            String keys = mvc.perform(get("/.well-known/lexvault-audit-keys"))
                    .andReturn()
                    .getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
            Path receipt = Files.write(dir.resolve("receipt.json"), file);
            Path keyFile = Files.writeString(dir.resolve("keys.txt"), keys);
            var out = new StringWriter();
            var command = new CommandLine(new AssistantCommand());
            command.setOut(new PrintWriter(out));
            command.setErr(new PrintWriter(out));
            int status = command.execute("verify-receipt", receipt.toString(), "--public-key", keyFile.toString());
            assertThat(status).as(out.toString()).isZero();
        }
    }

    private JsonNode lastEventData(String stream) throws Exception {
        @Nullable String data = null;
        for (String frame : stream.split("\n\n")) {
            for (String line : frame.split("\n")) {
                if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
        }
        assertThat(data).isNotNull();
        return json.readTree(data);
    }

    private UUID uploaded(Cookie session, MatterId matter, String name, String text) throws Exception {
        return http.upload(session, matter.value(), name, text.getBytes(StandardCharsets.UTF_8));
    }
}
