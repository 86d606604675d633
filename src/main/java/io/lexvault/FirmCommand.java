package io.lexvault;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditLedger;
import io.lexvault.audit.AuditRecord;
import io.lexvault.crypto.FirmKeys;
import io.lexvault.database.DatabaseSettings;
import io.lexvault.tenancy.TenantContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "firm",
        mixinStandardHelpOptions = true,
        description = "Operator actions on one firm.",
        subcommands = {FirmCommand.DestroyKeys.class})
final class FirmCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "destroy-keys",
            mixinStandardHelpOptions = true,
            description = "Crypto-shredding: deletes the firm's encryption keys, so none of its encrypted fields"
                    + " and documents can be decrypted again, and no new keys are made for it. Irreversible."
                    + " Asks to type the firm's slug, then \"destroy\". Recorded in the firm's audit log as"
                    + " keys.destroyed. Running servers must be restarted to drop keys they have loaded.")
    static final class DestroyKeys implements Callable<Integer> {

        @Option(names = "--firm", required = true, description = "The firm's slug")
        String firm;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            var in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
            out.printf(
                    "This destroys every encryption key of firm %s: none of its documents and encrypted fields can"
                            + " ever be decrypted again.%nType the firm's slug to confirm: ",
                    firm);
            out.flush();
            if (!firm.equals(readLine(in))) {
                out.println("Not confirmed; nothing was destroyed.");
                return 1;
            }
            out.print("Type \"destroy\" to destroy the keys now: ");
            out.flush();
            if (!"destroy".equals(readLine(in))) {
                out.println("Not confirmed; nothing was destroyed.");
                return 1;
            }
            return ServerRun.runCommand(DatabaseSettings.fromEnvironment(System.getenv()), context -> {
                var tenant = ServerRun.firmBySlug(context, firm);
                var keys = context.getBean(FirmKeys.class);
                var ledger = context.getBean(AuditLedger.class);
                var transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
                Integer deleted = TenantContext.callAs(
                        tenant,
                        null,
                        () -> transaction.execute(status -> {
                            int count = keys.destroy();
                            ledger.append(AuditRecord.bySystem(
                                    AuditAction.KEYS_DESTROYED,
                                    Instant.now(),
                                    Map.of("via", "command_line", "keysets", Integer.toString(count))));
                            return count;
                        }));
                out.printf(
                        "Firm %s: %d keyset(s) destroyed. Its encrypted documents and fields are unreadable for good."
                                + " Restart running servers so they drop keys they have loaded.%n",
                        firm, deleted == null ? 0 : deleted);
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
