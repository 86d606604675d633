package io.lexvault.search.index;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the search indexes live. Each firm's index is a directory {@code <indexPath>/<firm-id>/}; it
 * is derived data (rebuilt from PostgreSQL and the blobs), so it sits outside the backed-up data.
 *
 * @param indexPath the directory of the firm indexes; null means {@code <lexvault.data-dir>/index}
 */
@ConfigurationProperties("lexvault.search")
public record SearchProperties(@Nullable Path indexPath) {}
