package io.lexvault;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.lexvault.cli.AdminCommand;
import io.lexvault.cli.AssistantCommand;
import io.lexvault.cli.AuditCommand;
import io.lexvault.cli.CommandGroup;
import io.lexvault.cli.FirmCommand;
import io.lexvault.cli.KeysCommand;
import io.lexvault.cli.SearchCommand;
import io.lexvault.cli.ServeCommand;
import io.lexvault.cli.ServerRun;
import io.lexvault.demo.DemoCommand;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lexvault} command line: {@code demo}, {@code serve}, and the operator commands ({@code
 * admin}, {@code audit}, {@code keys}, {@code firm}). It sits beside the application rather than in the
 * {@code cli} module because it gathers the commands of two modules, and {@code demo} builds on {@code
 * cli}: inside either, the two would depend on each other. For the same reason it, not {@code cli},
 * names the application to start: nothing in a module depends on this package.
 */
@Command(
        name = "lexvault",
        mixinStandardHelpOptions = true,
        versionProvider = LexVaultCli.Version.class,
        description = "LexVault: a security-first workspace for law firms.",
        subcommands = {
            DemoCommand.class,
            ServeCommand.class,
            AdminCommand.class,
            AuditCommand.class,
            KeysCommand.class,
            FirmCommand.class,
            SearchCommand.class,
            AssistantCommand.class
        })
public final class LexVaultCli extends CommandGroup {

    public static void main(String[] args) {
        quietenLoggingBeforeSpring();
        ServerRun.starts(LexVaultApplication.class);
        var commandLine = new CommandLine(new LexVaultCli())
                .setExecutionExceptionHandler((exception, command, parseResult) -> {
                    // A clear sentence for the operator; the full trace only when asked for.
                    command.getErr().println("lexvault: " + messageChain(exception));
                    if (System.getenv("LEXVAULT_DEBUG") != null) {
                        exception.printStackTrace(command.getErr());
                    }
                    return 1;
                });
        System.exit(commandLine.execute(args));
    }

    /**
     * Database preparation runs before Spring Boot configures logging, when Logback would log
     * everything at DEBUG; keep that phase to what an operator needs.
     */
    private static void quietenLoggingBeforeSpring() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
            logback.getLogger("org.flywaydb").setLevel(Level.WARN);
        }
    }

    static String messageChain(Throwable exception) {
        var message = new StringBuilder(String.valueOf(exception.getMessage()));
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append("\n  caused by: ").append(cause.getMessage());
            }
        }
        return message.toString();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LexVaultCli.class.getPackage().getImplementationVersion();
            return new String[] {"LexVault " + (version == null ? "(development build)" : version)};
        }
    }
}
