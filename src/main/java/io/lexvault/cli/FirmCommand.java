package io.lexvault.cli;

import io.lexvault.crypto.FirmKeys;
import io.lexvault.tenancy.TenantContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "firm",
        mixinStandardHelpOptions = true,
        description = "Operator actions on one firm.",
        subcommands = {FirmCommand.DestroyKeys.class})
public final class FirmCommand extends CommandGroup {

    @Command(
            name = "destroy-keys",
            mixinStandardHelpOptions = true,
            description = "Crypto-shredding: deletes the firm's encryption keys, so none of its encrypted fields"
                    + " and documents can be decrypted again, and no new keys are made for it. Irreversible."
                    + " Asks to type the firm's slug, then \"destroy\". Recorded in the firm's audit log as"
                    + " keys.destroyed. Running servers must be restarted to drop keys they have loaded.")
    static final class DestroyKeys implements Callable<Integer> {

        @CommandLine.Mixin
        FirmOption firm;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            var in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
            out.printf(
                    "This destroys every encryption key of firm %s: none of its documents and encrypted fields can"
                            + " ever be decrypted again.%nType the firm's slug to confirm: ",
                    firm.slug());
            out.flush();
            if (!firm.slug().equals(readLine(in))) {
                out.println("Not confirmed; nothing was destroyed.");
                return 1;
            }
            out.print("Type \"destroy\" to destroy the keys now: ");
            out.flush();
            if (!"destroy".equals(readLine(in))) {
                out.println("Not confirmed; nothing was destroyed.");
                return 1;
            }
            return ServerRun.runCommand(context -> {
                var tenant = firm.in(context);
                int deleted = TenantContext.callAs(tenant, null, context.getBean(FirmKeys.class)::destroy);
                out.printf(
                        "Firm %s: %d keyset(s) destroyed. Its encrypted documents and fields are unreadable for good."
                                + " Restart running servers so they drop keys they have loaded.%n",
                        firm.slug(), deleted);
                out.flush();
                return 0;
            });
        }

        private static String readLine(BufferedReader in) {
            try {
                String line = in.readLine();
                return line == null ? "" : line.strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
