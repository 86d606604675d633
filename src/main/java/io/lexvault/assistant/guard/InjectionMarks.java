package io.lexvault.assistant.guard;

import io.lexvault.documents.Document;
import io.lexvault.documents.DocumentId;
import io.lexvault.documents.DocumentMarks;
import io.lexvault.tenancy.TenantContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The documents page's mark for a document whose current version had passages flagged at ingestion:
 * "possible prompt injection: <reason> (n passages)". Read as the person viewing, so a walled matter's
 * flags give no mark.
 */
@Component
class InjectionMarks implements DocumentMarks {

    static final String PREFIX = "possible prompt injection: ";

    private final ChunkVerdicts flags;
    private final TransactionTemplate transactions;

    InjectionMarks(ChunkVerdicts flags, TransactionTemplate transactions) {
        this.flags = flags;
        this.transactions = transactions;
    }

    @Override
    public Map<DocumentId, List<String>> marksOf(Collection<Document> documents) {
        if (documents.isEmpty()) {
            return Map.of();
        }
        var tenant = TenantContext.requireTenant();
        var ids = documents.stream().map(d -> d.id().value()).collect(Collectors.toSet());
        var rows = transactions.execute(s -> flags.ofDocuments(tenant, ids));
        var marks = new HashMap<DocumentId, List<String>>();
        for (var row : rows == null ? List.<ChunkVerdicts.DocumentFlags>of() : rows) {
            String reason =
                    row.classes().stream().sorted().map(InjectionClass::reason).collect(Collectors.joining("; "));
            marks.put(
                    new DocumentId(row.document()),
                    List.of(PREFIX + reason + " (" + row.chunks() + (row.chunks() == 1 ? " passage)" : " passages)")));
        }
        return marks;
    }
}
