package io.lexvault.cli;

import io.lexvault.audit.AuditRecord;
import io.lexvault.audit.AuditRetention;
import io.lexvault.audit.AuditVerifier;
import io.lexvault.audit.CheckpointExport;
import io.lexvault.storage.S3Location;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Checks the firms' audit logs, exports their checkpoints (docs/audit-format.md) and manages"
                + " their retention.",
        subcommands = {
            AuditCommand.Verify.class,
            AuditCommand.ExportCheckpoint.class,
            AuditCommand.Retention.class,
            AuditCommand.Expire.class
        })
public final class AuditCommand extends CommandGroup {

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Recomputes each firm's Merkle tree from the database, checks every stored checkpoint's"
                    + " signature and root, and that the log extends a checkpoint kept outside the system."
                    + " Exits 1 naming the first bad leaf.")
    static final class Verify implements Callable<Integer> {

        @Option(names = "--firm", description = "Only this firm (its slug); default: every firm with a log")
        @Nullable
        String firm;

        @Option(
                names = "--checkpoint",
                description = "A checkpoint exported earlier (the signed note); its firm is the one it names")
        @Nullable
        Path checkpoint;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            String outside = checkpoint == null ? null : read(checkpoint);
            return ServerRun.runCommand(context -> {
                var verifier = context.getBean(AuditVerifier.class);
                List<TenantId> firms;
                if (firm != null) {
                    firms = List.of(ServerRun.firmBySlug(context, firm));
                } else if (outside != null) {
                    firms = List.of(verifier.firmOf(outside)
                            .orElseThrow(() -> new IllegalArgumentException("The checkpoint in " + checkpoint
                                    + " is not signed by this server's audit key, or names no firm of it.")));
                } else {
                    firms = verifier.firmsWithLog();
                }
                var out = spec.commandLine().getOut();
                boolean passed = true;
                for (var one : firms) {
                    var report = verifier.verify(one, outside);
                    passed &= report.passed();
                    print(out, report);
                    printUploads(
                            out,
                            TenantContext.callAs(
                                    one,
                                    null,
                                    () -> context.getBean(CheckpointExport.class)
                                            .uploadStatus()));
                }
                out.println(
                        passed ? "Audit logs verified: " + firms.size() + " firm(s)." : "AUDIT VERIFICATION FAILED");
                out.flush();
                return passed ? 0 : 1;
            });
        }

        /** Copies to S3 that are late are worth an operator's attention, though the log itself is fine. */
        private static void printUploads(PrintWriter out, java.util.Optional<CheckpointExport.UploadStatus> status) {
            status.filter(uploads -> uploads.waiting() > 0).ifPresent(uploads -> {
                out.printf(
                        "      %d checkpoint(s) waiting to be copied to S3 (last copied: %s)%s%n",
                        uploads.waiting(),
                        uploads.lastExportedSize() == null ? "none" : "size " + uploads.lastExportedSize(),
                        uploads.lastFailure() == null ? "" : "; last failure: " + uploads.lastFailure());
            });
        }

        private static void print(PrintWriter out, AuditVerifier.Report report) {
            out.printf(
                    "%s firm %s: %d leaves, %d signed checkpoints%n",
                    report.passed() ? "OK  " : "FAIL", report.firm().value(), report.leaves(), report.checkpoints());
            for (String problem : report.problems()) {
                out.println("      " + problem);
            }
        }
    }

    @Command(
            name = "export-checkpoint",
            mixinStandardHelpOptions = true,
            description = "Hands a firm's latest signed checkpoint out of the database administrator's reach: to a"
                    + " file or an S3 object (never overwritten), or by e-mail to the firm's officers. Whoever keeps"
                    + " it can later prove with `audit verify --checkpoint` that the log still extends it."
                    + " Each export is recorded in the firm's audit log.")
    static final class ExportCheckpoint implements Callable<Integer> {

        @CommandLine.Mixin
        FirmOption firm;

        @Option(
                names = "--to",
                description = "A file to write (not overwritten if it exists), or s3://bucket/key (endpoint, region"
                        + " and path style from lexvault.audit.checkpoint-export.s3.*, credentials from the AWS"
                        + " environment)")
        @Nullable
        String target;

        @Option(
                names = "--s3",
                description = "To the configured bucket (lexvault.audit.checkpoint-export.s3.bucket), as"
                        + " <prefix>/<firm id>/<tree size>.checkpoint")
        boolean toConfiguredBucket;

        @Option(
                names = "--mail-officers",
                description = "Queue it by e-mail to the firm's officers (active users whose roles grant"
                        + " audit.read); the running server sends it")
        boolean mailOfficers;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (target == null && !toConfiguredBucket && !mailOfficers) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "Name at least one destination: --to, --s3 or --mail-officers");
            }
            // Parsed before anything starts, so a malformed address fails at once.
            S3Location s3Target = target != null && S3Location.isS3(target) ? S3Location.parse(target) : null;
            return ServerRun.runCommand(context -> {
                var tenant = firm.in(context);
                var export = context.getBean(CheckpointExport.class);
                var out = spec.commandLine().getOut();
                TenantContext.runAs(tenant, null, () -> {
                    if (target != null) {
                        var done = s3Target != null
                                ? export.toS3(s3Target, AuditRecord.Actor.SYSTEM)
                                : export.toFile(Path.of(target), AuditRecord.Actor.SYSTEM);
                        out.printf(
                                "Checkpoint of firm %s (%d leaves) written to %s%n",
                                firm.slug(), done.treeSize(), done.destination());
                    }
                    if (toConfiguredBucket) {
                        var done = export.toS3(null, AuditRecord.Actor.SYSTEM);
                        out.printf(
                                "Checkpoint of firm %s (%d leaves) written to %s%n",
                                firm.slug(), done.treeSize(), done.destination());
                    }
                    if (mailOfficers) {
                        var mailed = export.mailToOfficers(AuditRecord.Actor.SYSTEM);
                        out.printf(
                                "Checkpoint of firm %s (%d leaves) queued by e-mail for %d officer(s); the running"
                                        + " server sends it.%n",
                                firm.slug(), mailed.treeSize(), mailed.recipients());
                    }
                });
                out.flush();
                return 0;
            });
        }
    }

    @Command(
            name = "retention",
            mixinStandardHelpOptions = true,
            description = "Shows a firm's audit log retention and what has expired; with --years, changes it"
                    + " (recorded in the firm's log as audit.retention_changed).")
    static final class Retention implements Callable<Integer> {

        @CommandLine.Mixin
        FirmOption firm;

        @Option(
                names = "--years",
                description = "The new retention in years, " + AuditRetention.MIN_YEARS + " to "
                        + AuditRetention.MAX_YEARS + " (default for every firm: " + AuditRetention.DEFAULT_YEARS
                        + ")")
        @Nullable
        Integer years;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return ServerRun.runCommand(context -> {
                var tenant = firm.in(context);
                var retention = context.getBean(AuditRetention.class);
                var out = spec.commandLine().getOut();
                TenantContext.runAs(tenant, null, () -> {
                    var policy = years == null ? retention.policy() : retention.changeFromCommandLine(years);
                    out.printf(
                            "Firm %s keeps its audit events for %d years%s.%n",
                            firm.slug(), policy.years(), policy.chosen() ? "" : " (the default)");
                    for (var range : retention.expiredRanges()) {
                        out.printf(
                                "  leaves %d-%d expired at %s (events before %s), by %s%n",
                                range.firstLeaf(),
                                range.lastLeaf(),
                                range.expiredAt(),
                                range.cutoff(),
                                range.expiredBy());
                    }
                });
                out.flush();
                return 0;
            });
        }
    }

    @Command(
            name = "expire",
            mixinStandardHelpOptions = true,
            description = "Expires the audit events older than each firm's retention now, instead of waiting for"
                    + " the daily run: their data is deleted, their leaves and every checkpoint stay, and each"
                    + " expired range is recorded (and logged as audit.events_expired).")
    static final class Expire implements Callable<Integer> {

        @Option(names = "--firm", description = "Only this firm (its slug); default: every firm with a log")
        @Nullable
        String firm;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return ServerRun.runCommand(context -> {
                var retention = context.getBean(AuditRetention.class);
                List<AuditRetention.Expiry> expiries = firm == null
                        ? retention.expireEveryFirm(AuditRetention.ExpiredBy.COMMAND_LINE)
                        : TenantContext.callAs(
                                ServerRun.firmBySlug(context, firm),
                                null,
                                () -> retention.expireDue(AuditRetention.ExpiredBy.COMMAND_LINE));
                var out = spec.commandLine().getOut();
                for (var expiry : expiries) {
                    out.printf(
                            "Firm %s: leaves %d-%d expired (events before %s, retention %d years)%n",
                            expiry.firm().value(),
                            expiry.firstLeaf(),
                            expiry.lastLeaf(),
                            expiry.cutoff(),
                            expiry.retentionYears());
                }
                out.printf(
                        "Expired %d events in %d range(s).%n",
                        expiries.stream()
                                .mapToLong(AuditRetention.Expiry::leaves)
                                .sum(),
                        expiries.size());
                out.flush();
                return 0;
            });
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
