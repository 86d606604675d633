package io.lexvault;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditLedger;
import io.lexvault.audit.AuditRecord;
import io.lexvault.crypto.FirmKeys;
import io.lexvault.ops.DatabaseSettings;
import io.lexvault.tenancy.TenantContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "Manages the firms' encryption keys (docs/security.md).",
        subcommands = {KeysCommand.Rotate.class})
final class KeysCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = "Adds a new primary key to the firm's field and document keysets: what is encrypted"
                    + " from now on uses it, what was encrypted before still decrypts with the old keys, which"
                    + " stay. Nothing is re-encrypted. Recorded in the firm's audit log as keys.rotated."
                    + " Running servers pick the new key up when they restart.")
    static final class Rotate implements Callable<Integer> {

        @Option(names = "--firm", required = true, description = "The firm's slug")
        String firm;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return ServerRun.runCommand(DatabaseSettings.fromEnvironment(System.getenv()), context -> {
                var tenant = ServerRun.firmBySlug(context, firm);
                var keys = context.getBean(FirmKeys.class);
                var ledger = context.getBean(AuditLedger.class);
                var transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
                List<FirmKeys.Rotation> rotations = TenantContext.callAs(
                        tenant,
                        null,
                        () -> transaction.execute(status -> {
                            var done = keys.rotate();
                            var details = new LinkedHashMap<String, String>();
                            details.put("via", "command_line");
                            for (var rotation : done) {
                                details.put(
                                        rotation.purpose() + "_primary_key_id",
                                        Integer.toUnsignedString(rotation.primaryKeyId()));
                            }
                            ledger.append(AuditRecord.bySystem(AuditAction.KEYS_ROTATED, Instant.now(), details));
                            return done;
                        }));
                var out = spec.commandLine().getOut();
                for (var rotation : rotations) {
                    out.printf(
                            "Firm %s: %s keyset rotated, new primary key %s.%n",
                            firm, rotation.purpose(), Integer.toUnsignedString(rotation.primaryKeyId()));
                }
                out.println("Restart running servers so they encrypt with the new keys.");
                out.flush();
                return 0;
            });
        }
    }
}
