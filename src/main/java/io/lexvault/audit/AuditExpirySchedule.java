package io.lexvault.audit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs retention's expiry for every firm, daily unless {@code lexvault.audit.retention.*} says
 * otherwise. Several nodes may each run it: the database lets one expiry per firm run at a time, and
 * the second finds nothing left to do.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditExpirySchedule implements SchedulingConfigurer {

    private final AuditRetention retention;
    private final AuditProperties properties;

    AuditExpirySchedule(AuditRetention retention, AuditProperties properties) {
        this.retention = retention;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(
                () -> retention.expireEveryFirm(AuditRetention.ExpiredBy.SCHEDULE),
                properties.retention().expiryInterval(),
                properties.retention().firstExpiryAfter()));
    }
}
