/**
 * Storage outside the database: connections to S3-compatible object storage (where a bucket is, how
 * to address it, writes that never replace an object already stored) and the {@link
 * io.lexvault.storage.BlobStore} for streamed blobs, on the filesystem or in S3. Shared by the
 * modules that keep things outside the database: audit (checkpoint copies) and documents (encrypted
 * document versions).
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package io.lexvault.storage;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
