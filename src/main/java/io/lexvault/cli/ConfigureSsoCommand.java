package io.lexvault.cli;

import io.lexvault.identity.SingleSignOn;
import io.lexvault.tenancy.TenantContext;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "configure-sso",
        mixinStandardHelpOptions = true,
        description = "Sets a firm's OpenID Connect single sign-on provider. The client secret is read from"
                + " standard input and stored encrypted with the firm's key.")
final class ConfigureSsoCommand implements Callable<Integer> {

    @CommandLine.Mixin
    FirmOption firm;

    @Option(names = "--issuer", required = true, description = "The provider's issuer URL")
    String issuer;

    @Option(names = "--client-id", required = true, description = "LexVault's client id at the provider")
    String clientId;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String secret = CreateFirmCommand.readPassword(System.in);
        return ServerRun.runCommand(context -> {
            var tenant = firm.in(context);
            TenantContext.runAs(
                    tenant, null, () -> context.getBean(SingleSignOn.class).configure(issuer, clientId, secret));
            spec.commandLine().getOut().println("Single sign-on for " + firm.slug() + " now uses " + issuer);
            spec.commandLine().getOut().flush();
            return 0;
        });
    }
}
