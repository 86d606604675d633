package io.lexvault.cli;

import io.lexvault.identity.GeneratedPasswords;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "create-firm",
        mixinStandardHelpOptions = true,
        description = "Creates a firm and its first administrator. The password is read from standard input"
                + " with --password-stdin, or generated and printed once.")
final class CreateFirmCommand implements Callable<Integer> {

    @Option(names = "--name", required = true, description = "The firm's name, e.g. \"Smith & Partners LLP\"")
    String name;

    @Option(names = "--slug", description = "The firm's short address (default: made from the name)")
    @Nullable
    String slug;

    @Option(names = "--admin-email", required = true, description = "The administrator's e-mail address")
    String adminEmail;

    @Option(names = "--admin-name", defaultValue = "Administrator", description = "The administrator's name")
    String adminName;

    @Option(
            names = "--password-stdin",
            description = "Read the administrator's password from standard input instead of generating one")
    boolean passwordFromStdin;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String password = passwordFromStdin ? readPassword(System.in) : GeneratedPasswords.generate();
        String firmSlug = slug == null ? io.lexvault.tenancy.Tenants.slugFor(name) : slug;
        return ServerRun.runCommand(context -> {
            new FirmSetup(context).createFirm(name, firmSlug, adminEmail, adminName, password);
            var out = spec.commandLine().getOut();
            out.println("Created firm \"" + name.strip() + "\" (" + firmSlug + ").");
            out.println("Administrator: " + adminEmail.strip());
            if (!passwordFromStdin) {
                out.println("Password (shown only now; sign in and change it): " + password);
            }
            out.flush();
            return 0;
        });
    }

    /** The whole of standard input minus one trailing line break; nothing else is trimmed. */
    static String readPassword(InputStream in) throws IOException {
        String text = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("--password-stdin: standard input held no password");
        }
        return text;
    }
}
