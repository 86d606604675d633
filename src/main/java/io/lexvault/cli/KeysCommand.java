package io.lexvault.cli;

import io.lexvault.crypto.FirmKeys;
import io.lexvault.crypto.RootKeyRotation;
import io.lexvault.tenancy.TenantContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "Manages the firms' encryption keys (docs/security.md).",
        subcommands = {KeysCommand.Rotate.class, KeysCommand.RotateRoot.class})
public final class KeysCommand extends CommandGroup {

    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = "Adds a new primary key to the firm's field and document keysets: what is encrypted"
                    + " from now on uses it, what was encrypted before still decrypts with the old keys, which"
                    + " stay. Nothing is re-encrypted. Recorded in the firm's audit log as keys.rotated."
                    + " Running servers pick the new key up when they restart.")
    static final class Rotate implements Callable<Integer> {

        @CommandLine.Mixin
        FirmOption firm;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return ServerRun.runCommand(context -> {
                var tenant = firm.in(context);
                List<FirmKeys.Rotation> rotations =
                        TenantContext.callAs(tenant, null, context.getBean(FirmKeys.class)::rotate);
                var out = spec.commandLine().getOut();
                for (var rotation : rotations) {
                    out.printf(
                            "Firm %s: %s keyset rotated, new primary key %s.%n",
                            firm.slug(), rotation.purpose(), Integer.toUnsignedString(rotation.primaryKeyId()));
                }
                out.println("Restart running servers so they encrypt with the new keys.");
                out.flush();
                return 0;
            });
        }
    }

    @Command(
            name = "rotate-root",
            mixinStandardHelpOptions = true,
            description = "Wraps every firm's keysets (and LexVault's signing keys) under a new root key; firm keys,"
                    + " documents and encrypted fields are not touched. With the root keyset file"
                    + " (<data dir>/secrets/root-keyset.json) it adds the new key, re-wraps every keyset, then"
                    + " removes the old key, keeping it in root-keyset.retired-<key id>-<time>.json beside the file for"
                    + " restoring older database backups (move it to offline storage); interrupted, run it again and it"
                    + " completes. With a configured keyset"
                    + " (LEXVAULT_CRYPTO_ROOTKEYSET) it takes two runs: --new-keyset-file FILE, then, once FILE's"
                    + " keyset is configured on every node, --finish --new-keyset-file FILE. A KMS key is rotated"
                    + " in the KMS. Recorded in each firm's audit log as keys.root_rotated.")
    static final class RotateRoot implements Callable<Integer> {

        @Option(
                names = "--new-keyset-file",
                description = "Configured keyset only: where to write the new root keyset (0600)")
        @Nullable
        Path newKeysetFile;

        @Option(
                names = "--finish",
                description = "Configured keyset only: re-wrap under the configured keyset's new key and write that key"
                        + " alone to --new-keyset-file")
        boolean finish;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (finish && newKeysetFile == null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--finish writes the new key alone to --new-keyset-file: name the file");
            }
            return ServerRun.runCommand(context -> {
                var rotation = context.getBean(RootKeyRotation.class);
                var out = spec.commandLine().getOut();
                if (newKeysetFile != null && !finish) {
                    int keyId = rotation.prepareKeysetFile(newKeysetFile);
                    out.printf(
                            "Wrote the root keyset with the new key %s added to %s (0600). Nothing is re-wrapped yet."
                                    + "%nNext: configure its content as LEXVAULT_CRYPTO_ROOTKEYSET on every node, restart"
                                    + " them, then run `lexvault keys rotate-root --finish --new-keyset-file %s` with it"
                                    + " configured.%n",
                            Integer.toUnsignedString(keyId), newKeysetFile, newKeysetFile);
                    out.flush();
                    return 0;
                }
                var outcome = newKeysetFile == null ? rotation.rotate() : rotation.finishWithKeysetFile(newKeysetFile);
                out.printf(
                        "%s root key %s: %d keyset(s) of %d firm(s) and %d signing key(s) re-wrapped; every keyset"
                                + " unwraps with the new key alone.%n",
                        outcome.resumed() ? "Completed the rotation to" : "Rotated to",
                        Integer.toUnsignedString(outcome.rootKeyId()),
                        outcome.keysets(),
                        outcome.firms(),
                        outcome.signingKeys());
                if (newKeysetFile == null) {
                    out.printf(
                            "%s now holds the new key alone. Running servers follow without a restart. Back the"
                                    + " file up again: backups of the old one no longer unwrap the database.%n",
                            outcome.keysetFile());
                    if (outcome.retiredKeysetFile() != null) {
                        out.printf(
                                "The old root key is kept in %s (0600): database backups from before this rotation"
                                        + " need it to be restored. Move it to offline backup storage with those"
                                        + " backups, then delete it here.%n",
                                outcome.retiredKeysetFile());
                    }
                } else {
                    out.printf(
                            "%s holds the new key alone: configure it as LEXVAULT_CRYPTO_ROOTKEYSET on every node in"
                                    + " place of the combined keyset, restart them, and keep the file as safe as the"
                                    + " key it is.%n",
                            outcome.keysetFile());
                }
                out.flush();
                return 0;
            });
        }
    }
}
