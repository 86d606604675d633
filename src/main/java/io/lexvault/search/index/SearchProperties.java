package io.lexvault.search.index;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the search indexes live and which embedding model ranks with BM25. Each firm's index is a
 * directory {@code <indexPath>/<firm-id>/}; it is derived data (rebuilt from PostgreSQL and the blobs),
 * so it sits outside the backed-up data.
 *
 * @param indexPath the directory of the firm indexes; null means {@code <lexvault.data-dir>/index}
 * @param embeddingModel the in-process embedding model: {@code all-minilm-l6-v2-q} (default),
 *     {@code e5-small-v2-q}, or {@code none} for BM25 alone (see {@link TextEmbedder.Model})
 */
@ConfigurationProperties("lexvault.search")
public record SearchProperties(
        @Nullable Path indexPath,
        @DefaultValue("all-minilm-l6-v2-q") String embeddingModel) {}
