package io.lexvault.tenancy.internal;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class TenancyConfiguration {

    /** Replaces Spring Boot's transaction manager, so no transaction can skip the tenant context. */
    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new TenantScopedTransactionManager(dataSource);
    }

    @Bean
    IsolationSelfCheck isolationSelfCheck(JdbcClient jdbc) {
        return new IsolationSelfCheck(jdbc);
    }
}
