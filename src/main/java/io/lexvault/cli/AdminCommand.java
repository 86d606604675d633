package io.lexvault.cli;

import picocli.CommandLine.Command;

@Command(
        name = "admin",
        mixinStandardHelpOptions = true,
        description = "Operator commands. They use the same database settings as `serve` (LEXVAULT_DB_URL, ...),"
                + " or the local or embedded PostgreSQL that `demo` uses when LEXVAULT_DB_URL is not set.",
        subcommands = {CreateFirmCommand.class, CreateApiKeyCommand.class, ConfigureSsoCommand.class})
public final class AdminCommand extends CommandGroup {}
