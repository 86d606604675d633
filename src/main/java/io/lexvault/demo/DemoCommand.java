package io.lexvault.demo;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.EthicalWalls;
import io.lexvault.access.Member;
import io.lexvault.access.Teams;
import io.lexvault.cli.FirmSetup;
import io.lexvault.cli.ServerRun;
import io.lexvault.crypto.LocalSecrets;
import io.lexvault.database.DatabaseSettings;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.GeneratedPasswords;
import io.lexvault.matters.MatterDetails;
import io.lexvault.matters.Matters;
import io.lexvault.matters.clients.ClientDetails;
import io.lexvault.matters.clients.Clients;
import io.lexvault.matters.parties.Parties;
import io.lexvault.matters.parties.PartyKind;
import io.lexvault.matters.parties.PartyRole;
import io.lexvault.search.SearchIndexing;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.Tenants;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Runs LexVault on http://localhost:<port> (bound to 127.0.0.1) with a demo firm. Uses LEXVAULT_DB_URL, else a"
                        + " PostgreSQL on 127.0.0.1:5432, else an embedded PostgreSQL under ./var/pg.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE})")
    int port;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var settings = DatabaseSettings.fromEnvironment(System.getenv());
        String password =
                LocalSecrets.readOrCreate(settings.dataDirectory(), "demo-password", GeneratedPasswords::generate);
        // Plain HTTP on 127.0.0.1: browsers refuse __Host- and Secure cookies there, so the demo (and
        // only the demo) drops them. Links and passkeys use "localhost", since browsers allow passkeys
        // on localhost but never on a bare IP address.
        return ServerRun.runUntilStopped(
                settings,
                Map.of(
                        "server.address",
                        "127.0.0.1",
                        "server.port",
                        port,
                        "lexvault.mode",
                        "demo",
                        "lexvault.http.secure-cookies",
                        false,
                        "lexvault.public-url",
                        "http://localhost:" + port,
                        "lexvault.identity.signup.enabled",
                        true),
                // The firm is seeded before the server says it is ready, and only then are its users
                // announced: a sign-in with what the banner prints always finds them.
                context -> seed(context, password),
                context -> describe(spec.commandLine().getOut(), password));
    }

    /** Creates the demo firm and its users unless they exist (the demo keeps its data between runs). */
    public static void seed(ApplicationContext context, String password) {
        var tenants = context.getBean(Tenants.class);
        var setup = new FirmSetup(context);
        var firm = tenants.findIdBySlug(DemoFirm.SLUG).orElseGet(() -> tenants.register(DemoFirm.NAME, DemoFirm.SLUG));
        var accounts = context.getBean(Accounts.class);
        for (var role : BuiltInRole.values()) {
            String email = DemoFirm.emailFor(role);
            boolean exists = TenantContext.callAs(
                    firm, null, () -> accounts.findByEmail(email).isPresent());
            if (!exists) {
                setup.addUser(firm, email, DemoFirm.PEOPLE.get(role), password, role);
            }
        }
        seedMatters(context, firm);
        if (DemoDocuments.seed(context, firm) == 0) {
            // Documents kept from an earlier run: a data directory without its search index (made
            // before search existed, or the index deleted) is indexed again from the database and blobs.
            var indexing = context.getBean(SearchIndexing.class);
            TenantContext.runAs(firm, null, () -> {
                if (indexing.indexIsEmpty()) {
                    indexing.reindex();
                }
            });
        }
    }

    /**
     * Two organisations and a person as clients, three matters of 2024 (one of them closed) with their
     * details, teams, and one ethical wall screening the paralegal from a
     * matter whose team they are on (so the wall, not the team, is what hides it). Made once, by the
     * demo administrator (walls and audit events name an author).
     */
    private static void seedMatters(ApplicationContext context, io.lexvault.tenancy.TenantId firm) {
        var accounts = context.getBean(Accounts.class);
        var matters = context.getBean(Matters.class);
        var teams = context.getBean(Teams.class);
        var walls = context.getBean(EthicalWalls.class);
        var admin = TenantContext.callAs(
                firm,
                null,
                () -> accounts.findByEmail(DemoFirm.emailFor(BuiltInRole.ADMINISTRATOR))
                        .orElseThrow());
        TenantContext.runAs(firm, admin.id().value(), () -> {
            if (!matters.clients().isEmpty()) {
                return;
            }
            var person = (java.util.function.Function<BuiltInRole, Member>) role -> Member.user(
                    accounts.findByEmail(DemoFirm.emailFor(role)).orElseThrow().id());
            var clients = context.getBean(Clients.class);
            var northwind = clients.create(new ClientDetails(
                    "organisation",
                    "Northwind Traders Ltd",
                    "legal@northwind.example",
                    "+44 20 7946 0018",
                    "12 Dockside Road\nLondon E16 2QT",
                    "04851237",
                    "Long-standing client; invoices go to the finance team."));
            var harbor = clients.create(new ClientDetails(
                    "organisation",
                    "Harbor City Council",
                    "procurement@harbor-city.example",
                    "+44 161 496 0730",
                    "Town Hall, Market Square\nHarbor City HC1 1AA",
                    null,
                    null));
            clients.create(new ClientDetails(
                    "person", "Dana Whitfield", "dana.whitfield@mail.example", "+44 7700 900123", null, null, null));
            var attorney = accounts.findByEmail(DemoFirm.emailFor(BuiltInRole.ATTORNEY))
                    .orElseThrow()
                    .id()
                    .value();
            var lease = matters.open(
                    northwind,
                    new MatterDetails(
                            "2024-0001",
                            "Warehouse lease renewal",
                            "Renewal of the ten-year lease of the Dockside warehouse.",
                            "Real estate",
                            attorney,
                            "2024-02-12"));
            var supply = matters.open(
                    northwind,
                    new MatterDetails(
                            "2024-0002",
                            "Supply agreement dispute",
                            "Claim against a supplier for late deliveries; settled.",
                            "Commercial litigation",
                            attorney,
                            "2024-05-03"));
            var bridge = matters.open(
                    harbor,
                    new MatterDetails(
                            DemoFirm.WALLED_MATTER_NUMBER,
                            "Bridge tender challenge",
                            "Challenge to the award of the bridge maintenance tender.",
                            "Public procurement",
                            attorney,
                            "2024-09-20"));
            for (var matter : java.util.List.of(lease, supply, bridge)) {
                var ref = matters.ref(matter).orElseThrow();
                teams.add(ref, person.apply(BuiltInRole.ATTORNEY));
                teams.add(ref, person.apply(BuiltInRole.PARALEGAL));
            }
            var parties = context.getBean(Parties.class);
            parties.add(lease, "Northwind Traders Ltd", PartyKind.ORGANISATION, PartyRole.CLIENT, null);
            parties.add(lease, "Harbour Logistics Ltd", PartyKind.ORGANISATION, PartyRole.OPPOSING_PARTY, "Landlord");
            parties.add(supply, "Northwind Traders Ltd", PartyKind.ORGANISATION, PartyRole.CLIENT, null);
            parties.add(supply, "Contoso Logistics GmbH", PartyKind.ORGANISATION, PartyRole.OPPOSING_PARTY, "Supplier");
            parties.add(
                    supply, "Keller & Partner Rechtsanwälte", PartyKind.ORGANISATION, PartyRole.OPPOSING_COUNSEL, null);
            parties.add(supply, "Dr. Anna Schäfer", PartyKind.PERSON, PartyRole.EXPERT, "Damages expert");
            parties.add(bridge, "Harbor City Council", PartyKind.ORGANISATION, PartyRole.CLIENT, null);
            // Behind the wall below: a conflict check by the screened paralegal still finds it, but only as a
            // restricted hit (nothing of the matter) with the conflicts officers to ask; the intake
            // coordinator, a conflicts officer, sees its number, role and score.
            parties.add(bridge, "Müller GmbH", PartyKind.ORGANISATION, PartyRole.OPPOSING_PARTY, "Competing bidder");
            matters.close(supply);
            walls.create(
                    matters.ref(bridge).orElseThrow().id(),
                    null,
                    "Demo: the paralegal previously worked for a bidder in this tender.",
                    Set.of(person.apply(BuiltInRole.PARALEGAL)));
        });
    }

    private void describe(PrintWriter out, String password) {
        out.println();
        out.println("Demo firm \"" + DemoFirm.NAME + "\": sign in at http://localhost:" + port + "/login as");
        for (var role : BuiltInRole.values()) {
            out.printf("  %-38s %s%n", DemoFirm.emailFor(role), role.title());
        }
        out.println("Demo password (all users): " + password);
        out.println("An ethical wall screens " + DemoFirm.PEOPLE.get(BuiltInRole.PARALEGAL) + " ("
                + DemoFirm.emailFor(BuiltInRole.PARALEGAL) + ") from matter " + DemoFirm.WALLED_MATTER_NUMBER
                + ": signed in as them, it is in no list and no page; a conflict check for \"Müller\" tells them"
                + " only that a restricted hit exists and to ask the conflicts officers (the intake coordinator).");
        out.println();
        out.flush();
    }
}
