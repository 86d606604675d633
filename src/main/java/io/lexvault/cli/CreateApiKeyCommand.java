package io.lexvault.cli;

import io.lexvault.identity.Accounts;
import io.lexvault.identity.ApiKeys;
import io.lexvault.tenancy.TenantContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "create-api-key",
        mixinStandardHelpOptions = true,
        description = "Makes an API key for a user and prints it once. The key carries the given permissions,"
                + " each of which the user must hold.")
final class CreateApiKeyCommand implements Callable<Integer> {

    @CommandLine.Mixin
    FirmOption firm;

    @Option(names = "--user", required = true, description = "The user's e-mail address")
    String user;

    @Option(
            names = "--scopes",
            required = true,
            split = ",",
            description = "Permissions the key carries, comma-separated, e.g. matters.read,documents.read")
    List<String> scopes;

    @Option(names = "--name", defaultValue = "Command line", description = "What the key is for")
    String name;

    @Option(names = "--days", defaultValue = "90", description = "How many days the key works (at most 366)")
    int days;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return ServerRun.runCommand(context -> {
            var tenant = firm.in(context);
            var created = TenantContext.callAs(tenant, null, () -> {
                var account = context.getBean(Accounts.class)
                        .findByEmail(user)
                        .orElseThrow(() -> new IllegalArgumentException("No user " + user + " in firm " + firm.slug()));
                return context.getBean(ApiKeys.class).create(account.id(), name, scopes, Duration.ofDays(days));
            });
            var out = spec.commandLine().getOut();
            out.println("API key \"" + created.key().name() + "\" for " + user + ", expires "
                    + created.key().expiresAt() + ", permissions "
                    + String.join(",", created.key().scopes()));
            out.println("Key (shown only now): " + created.secret());
            out.flush();
            return 0;
        });
    }
}
