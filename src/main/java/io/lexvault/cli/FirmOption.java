package io.lexvault.cli;

import io.lexvault.tenancy.TenantId;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Option;

/** The {@code --firm <slug>} that names the one firm an operator command acts on. */
final class FirmOption {

    // Named "firm" so that picocli's messages keep saying --firm=<firm>.
    @Option(names = "--firm", required = true, description = "The firm's slug")
    String firm;

    String slug() {
        return firm;
    }

    /** The firm itself; a clear error when there is none with that slug. */
    TenantId in(ApplicationContext context) {
        return ServerRun.firmBySlug(context, firm);
    }
}
