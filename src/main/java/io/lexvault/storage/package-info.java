/**
 * Connections to S3-compatible object storage: where a bucket is and how to address it, and writes
 * that never replace an object already stored. Shared by the modules that keep things outside the
 * database (audit checkpoints now, documents later).
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package io.lexvault.storage;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
