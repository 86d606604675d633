package io.lexvault.cli;

import io.lexvault.database.DatabaseSettings;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Production start. Configuration comes from environment variables only (see README):"
                + " LEXVAULT_DB_URL is required, LEXVAULT_PORT and LEXVAULT_BIND_ADDRESS are optional.")
public final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        var env = System.getenv();
        var settings = DatabaseSettings.fromEnvironment(env);
        if (settings.url() == null) {
            // Production never falls back to a local or embedded database by surprise.
            throw new IllegalArgumentException("lexvault serve needs LEXVAULT_DB_URL (and LEXVAULT_DB_USER,"
                    + " LEXVAULT_DB_PASSWORD); use `lexvault demo` to try LexVault without a database");
        }
        String publicUrl = env.getOrDefault("LEXVAULT_PUBLIC_URL", "");
        if (!publicUrl.startsWith("https://") && !publicUrl.matches("http://localhost(:\\d+)?/?")) {
            // Links in e-mail and the passkeys' scope come from here: plain HTTP would send reset links
            // in clear, and a wrong host would make every passkey useless.
            throw new IllegalArgumentException("lexvault serve needs LEXVAULT_PUBLIC_URL, the https:// address users"
                    + " reach LexVault at (e.g. https://lexvault.smith.example)");
        }
        int port = Integer.parseInt(env.getOrDefault("LEXVAULT_PORT", "8080"));
        String address = env.getOrDefault("LEXVAULT_BIND_ADDRESS", "127.0.0.1");
        return ServerRun.runUntilStopped(
                settings,
                Map.of(
                        "server.address",
                        address,
                        "server.port",
                        port,
                        "lexvault.mode",
                        "serve",
                        // The address in links LexVault e-mails (never taken from a request's Host header).
                        "lexvault.public-url",
                        publicUrl,
                        // Public sign-up of new firms: off unless the operator turns it on.
                        "lexvault.identity.signup.enabled",
                        "on".equalsIgnoreCase(env.getOrDefault("LEXVAULT_SIGNUP", "off"))),
                context -> {},
                context -> {});
    }
}
