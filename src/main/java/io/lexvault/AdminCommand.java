package io.lexvault;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "admin",
        mixinStandardHelpOptions = true,
        description = "Operator commands. They use the same database settings as `serve` (LEXVAULT_DB_URL, ...),"
                + " or the local or embedded PostgreSQL that `demo` uses when LEXVAULT_DB_URL is not set.",
        subcommands = {CreateFirmCommand.class, CreateApiKeyCommand.class, ConfigureSsoCommand.class})
final class AdminCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
