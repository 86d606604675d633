package io.lexvault.search;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * How far the versions being indexed on this node have come, for the progress bar of the documents
 * page: extracting (no measure: Tika reads the whole file), then embedding N of M chunks. In memory
 * and per node: another node's poll sees the state ({@code extracting}) without a measure, and a
 * restart forgets it, which is all a progress bar needs. Holds ids and counts only.
 */
@Component
class IndexingProgress {

    /** A version being indexed: {@code phase} is extracting or embedding; done of total chunks. */
    record Progress(String phase, int done, int total) {}

    private record Key(UUID firm, UUID document, int version) {}

    private final Map<Key, Progress> running = new ConcurrentHashMap<>();

    void extracting(UUID firm, UUID document, int version) {
        running.put(new Key(firm, document, version), new Progress("extracting", 0, 0));
    }

    void embedding(UUID firm, UUID document, int version, int done, int total) {
        running.put(new Key(firm, document, version), new Progress("embedding", done, total));
    }

    void finished(UUID firm, UUID document, int version) {
        running.remove(new Key(firm, document, version));
    }

    Optional<Progress> of(UUID firm, UUID document, int version) {
        return Optional.ofNullable(running.get(new Key(firm, document, version)));
    }
}
