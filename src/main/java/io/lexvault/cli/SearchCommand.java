package io.lexvault.cli;

import io.lexvault.audit.AuditVerifier;
import io.lexvault.search.SearchIndexing;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description = "Manages the search index (docs/security.md, \"Search\").",
        subcommands = {SearchCommand.Reindex.class})
public final class SearchCommand extends CommandGroup {

    @Command(
            name = "reindex",
            mixinStandardHelpOptions = true,
            description = "Rebuilds the search index of one firm (--firm) or of every firm from PostgreSQL and the"
                    + " blobs: the firm's index directory is deleted, then every document's current version is"
                    + " extracted, chunked, stored and indexed again. The index is derived data; run this after"
                    + " restoring a backup (the index is not in backups) or to repair a damaged index. Stop the"
                    + " server first: it holds the index open.")
    static final class Reindex implements Callable<Integer> {

        @Option(names = "--firm", description = "The firm's slug (every firm when left out)")
        @Nullable
        String firm;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return ServerRun.runCommand(context -> {
                List<TenantId> firms = firm == null
                        ? context.getBean(AuditVerifier.class).firmsWithLog()
                        : List.of(ServerRun.firmBySlug(context, firm));
                var indexing = context.getBean(SearchIndexing.class);
                var out = spec.commandLine().getOut();
                for (var tenant : firms) {
                    var rebuild = TenantContext.callAs(tenant, null, indexing::reindex);
                    out.printf(
                            "Firm %s: %d version(s) indexed, %d without a text layer, %d could not be extracted.%n",
                            tenant.value(), rebuild.indexed(), rebuild.noText(), rebuild.failed());
                }
                out.flush();
                return 0;
            });
        }
    }
}
