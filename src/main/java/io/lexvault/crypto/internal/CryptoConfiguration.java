package io.lexvault.crypto.internal;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    @Bean
    RootKey rootKey(
            @Value("${lexvault.crypto.root-keyset:}") String configured,
            @Value("${lexvault.data-dir:var}") String dataDirectory) {
        return RootKey.load(configured, Path.of(dataDirectory));
    }
}
