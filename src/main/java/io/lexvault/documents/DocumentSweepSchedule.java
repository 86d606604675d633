package io.lexvault.documents;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Sweeps orphaned document blobs every {@code lexvault.documents.sweep-interval}. Several nodes may
 * each run it: deleting a blob twice is harmless, and the grace period spares uploads in flight.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DocumentsProperties.class)
class DocumentSweepSchedule implements SchedulingConfigurer {

    private final DocumentBlobSweeper sweeper;
    private final DocumentsProperties properties;

    DocumentSweepSchedule(DocumentBlobSweeper sweeper, DocumentsProperties properties) {
        this.sweeper = sweeper;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(
                new FixedDelayTask(sweeper::sweepEveryFirm, properties.sweepInterval(), properties.firstSweepAfter()));
    }
}
