package io.lexvault.audit.internal;

import io.lexvault.storage.S3Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lexvault.audit.checkpoint-export.*}: where signed checkpoints are copied, out of the
 * database administrator's reach.
 *
 * @param s3 the bucket every newly signed checkpoint is copied to (off while no bucket is set), and
 *     the endpoint, region and prefix for {@code lexvault audit export-checkpoint --to s3://...}
 */
@ConfigurationProperties("lexvault.audit.checkpoint-export")
public record CheckpointExportProperties(@DefaultValue S3Settings s3) {}
