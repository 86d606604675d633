package io.lexvault;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lexvault} command line: {@code demo}, {@code serve}, and later the admin commands. */
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
            FirmCommand.class
        })
public final class LexVaultCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        quietenLoggingBeforeSpring();
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

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
