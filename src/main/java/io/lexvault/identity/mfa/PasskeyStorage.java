package io.lexvault.identity.mfa;

import io.lexvault.identity.internal.AccountNotices;
import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.identity.internal.UserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Where passkeys are kept: Spring Security's JDBC store, wrapped so that a newly registered one is an event. */
@Configuration(proxyBeanMethods = false)
class PasskeyStorage {

    @Bean
    UserCredentialRepository passkeyCredentials(
            JdbcOperations jdbc,
            SecurityEvents events,
            UserRepository users,
            AccountNotices notices,
            PlatformTransactionManager transactionManager) {
        return new PasskeyCredentials(
                new JdbcUserCredentialRepository(jdbc),
                events,
                users,
                notices,
                new TransactionTemplate(transactionManager));
    }
}
