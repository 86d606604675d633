package io.lexvault.documents;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Short warnings another module attaches to documents on the documents page, e.g. the assistant's
 * "possible prompt injection: …". Implemented by the module that knows (it depends on documents, not
 * the other way round), like {@link DocumentIndexing}; each mark is plain text for people, escaped by
 * the page, and read as the acting user (walled rows give no mark).
 */
public interface DocumentMarks {

    /** The marks of each document that has any; documents without marks are absent. */
    Map<DocumentId, List<String>> marksOf(Collection<Document> documents);
}
