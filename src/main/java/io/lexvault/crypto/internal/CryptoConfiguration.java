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
            // LEXVAULT_KMS_URI as documented; Spring's relaxed binding alone would expect LEXVAULT_CRYPTO_KMSURI.
            @Value("${lexvault.crypto.kms-uri:${LEXVAULT_KMS_URI:}}") String kmsUri,
            @Value("${lexvault.data-dir:var}") String dataDirectory) {
        return RootKey.of(RootKeySources.choose(configured, kmsUri, Path.of(dataDirectory)));
    }
}
