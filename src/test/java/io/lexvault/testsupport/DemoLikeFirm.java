package io.lexvault.testsupport;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.EthicalWalls;
import io.lexvault.access.Member;
import io.lexvault.access.Teams;
import io.lexvault.access.roles.RoleAssignments;
import io.lexvault.documents.Classification;
import io.lexvault.documents.Documents;
import io.lexvault.documents.UploadForm;
import io.lexvault.identity.Accounts;
import io.lexvault.matters.MatterDetails;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.matters.clients.ClientDetails;
import io.lexvault.matters.clients.Clients;
import io.lexvault.matters.parties.Parties;
import io.lexvault.matters.parties.PartyKind;
import io.lexvault.matters.parties.PartyRole;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.context.ApplicationContext;

/**
 * A firm shaped like the demo's (which only the demo may seed): an administrator, an attorney and a
 * paralegal; two clients; three matters with the attorney responsible and both on every team, one
 * closed, and the third behind an ethical wall that screens the paralegal (so the wall, not the team,
 * hides it); parties; and a document in the first and in the walled matter.
 */
public record DemoLikeFirm(
        TenantId firm,
        People.Person administrator,
        People.Person attorney,
        People.Person paralegal,
        MatterId lease,
        MatterId closed,
        MatterId walled,
        String walledNumber,
        String walledDocumentTitle) {

    public static DemoLikeFirm create(ApplicationContext context) {
        var accounts = context.getBean(Accounts.class);
        var roles = context.getBean(RoleAssignments.class);
        var matters = context.getBean(Matters.class);
        var clients = context.getBean(Clients.class);
        var teams = context.getBean(Teams.class);
        var walls = context.getBean(EthicalWalls.class);
        var parties = context.getBean(Parties.class);
        var documents = context.getBean(Documents.class);
        var firm = Firms.aFirm(context.getBean(Tenants.class), "Demo-like " + TestDatabase.randomName());
        var administrator = People.withRoles(accounts, roles, firm, BuiltInRole.ADMINISTRATOR);
        var attorney = People.withRoles(accounts, roles, firm, BuiltInRole.ATTORNEY);
        var paralegal = People.withRoles(accounts, roles, firm, BuiltInRole.PARALEGAL);
        String suffix = TestDatabase.randomName().replaceAll("[^A-Za-z0-9]", "");
        String walledNumber = "W-" + suffix;
        String walledTitle = "Tender bid memo " + suffix;
        MatterId[] ids = TenantContext.callAs(firm, administrator.id().value(), () -> {
            var northwind = clients.create(new ClientDetails(
                    "organisation",
                    "Northwind Traders Ltd",
                    "legal@northwind.example",
                    "+44 20 7946 0018",
                    "12 Dockside Road\nLondon E16 2QT",
                    "04851237",
                    "Long-standing client."));
            var harbor = clients.create(ClientDetails.organisation("Harbor City Council"));
            var attorneyId = attorney.id().value();
            var lease = matters.open(
                    northwind,
                    new MatterDetails(
                            "L-" + suffix,
                            "Warehouse lease renewal",
                            "Renewal of the lease.",
                            "Real estate",
                            attorneyId,
                            "2024-02-12"));
            var closed = matters.open(
                    northwind,
                    new MatterDetails(
                            "S-" + suffix,
                            "Supply agreement dispute",
                            "Settled.",
                            "Commercial litigation",
                            attorneyId,
                            "2024-05-03"));
            var walled = matters.open(
                    harbor,
                    new MatterDetails(
                            walledNumber,
                            "Bridge tender challenge",
                            null,
                            "Public procurement",
                            attorneyId,
                            "2024-09-20"));
            for (var matter : new MatterId[] {lease, closed, walled}) {
                var ref = matters.ref(matter).orElseThrow();
                teams.add(ref, Member.user(attorney.id()));
                teams.add(ref, Member.user(paralegal.id()));
            }
            parties.add(lease, "Northwind Traders Ltd", PartyKind.ORGANISATION, PartyRole.CLIENT, null);
            parties.add(lease, "Harbour Logistics Ltd", PartyKind.ORGANISATION, PartyRole.OPPOSING_PARTY, "Landlord");
            parties.add(walled, "Müller GmbH", PartyKind.ORGANISATION, PartyRole.OPPOSING_PARTY, "Competing bidder");
            matters.close(closed);
            walls.create(
                    matters.ref(walled).orElseThrow().id(),
                    null,
                    "The paralegal previously worked for a bidder in this tender.",
                    Set.of(Member.user(paralegal.id())));
            return new MatterId[] {lease, closed, walled};
        });
        TenantContext.runAs(firm, attorney.id().value(), () -> {
            upload(documents, ids[0], "Engagement letter");
            upload(documents, ids[2], walledTitle);
        });
        return new DemoLikeFirm(
                firm, administrator, attorney, paralegal, ids[0], ids[1], ids[2], walledNumber, walledTitle);
    }

    private static void upload(Documents documents, MatterId matter, String title) {
        var form = new UploadForm(null, Classification.CONFIDENTIAL, title, null);
        byte[] content = (title + "\nA short text for the demo-like firm.\n").getBytes(StandardCharsets.UTF_8);
        try {
            documents.upload(matter, form, title + ".txt", new ByteArrayInputStream(content), () -> {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
