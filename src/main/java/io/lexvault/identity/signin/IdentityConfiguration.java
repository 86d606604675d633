package io.lexvault.identity.signin;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.lexvault.crypto.LocalSecrets;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.internal.IdentityProperties;
import io.lexvault.identity.internal.ServerKeyedHash;
import io.lexvault.web.PublicAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;

/**
 * What identity's sign-in methods share: the security context repository, passkey storage and the
 * relying party, password hashing, the server key and the rate-limit buckets. Each sign-in method adds
 * its own part to the web module's filter chain ({@code *Security} contributions in its package).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentityConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Where the signed-in user is kept between requests: the (JDBC) session. */
    @Bean
    SecurityContextRepository securityContextRepository() {
        return new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
    }

    @Bean
    PublicKeyCredentialUserEntityRepository passkeyUsers(JdbcOperations jdbc) {
        return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
    }

    /**
     * The relying party: LexVault at {@code lexvault.public-url}, whose host is the passkeys' scope
     * (rpId) and whose origin is the only one a passkey answer is accepted from (phishing sites get
     * nothing a passkey would sign). User verification (PIN or biometric) is required, so that a
     * passkey alone is a two-factor sign-in.
     */
    @Bean
    WebAuthnRelyingPartyOperations relyingParty(
            PublicKeyCredentialUserEntityRepository userEntities,
            UserCredentialRepository credentials,
            PublicAddress publicAddress) {
        URI site = URI.create(publicAddress.publicUrl());
        boolean defaultPort = site.getPort() < 0
                || site.getPort() == 443 && "https".equals(site.getScheme())
                || site.getPort() == 80 && "http".equals(site.getScheme());
        // Browsers send the origin without a default port: "https://host", never "https://host:443".
        String origin = site.getScheme() + "://" + site.getHost() + (defaultPort ? "" : ":" + site.getPort());
        var relyingParty = new Webauthn4JRelyingPartyOperations(
                userEntities,
                credentials,
                PublicKeyCredentialRpEntity.builder()
                        .id(site.getHost())
                        .name("LexVault")
                        .build(),
                Set.of(origin));
        relyingParty.setCustomizeCreationOptions(options -> {
            // The authenticator shows the e-mail address and name, not the internal principal name.
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
                var stored = userEntities.findByUsername(user.getName());
                if (stored != null) {
                    options.user(ImmutablePublicKeyCredentialUserEntity.builder()
                            .id(stored.getId())
                            .name(user.email())
                            .displayName(user.displayName())
                            .build());
                }
            }
            options.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                    .residentKey(ResidentKeyRequirement.REQUIRED)
                    .userVerification(UserVerificationRequirement.REQUIRED)
                    .build());
        });
        relyingParty.setCustomizeRequestOptions(
                options -> options.userVerification(UserVerificationRequirement.REQUIRED));
        return relyingParty;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new PasswordHashing();
    }

    /**
     * The server secret API keys are hashed with: {@code lexvault.identity.api-key-secret}
     * (LEXVAULT_IDENTITY_APIKEYSECRET; every node of a cluster needs the same one), else one generated
     * once under the data directory.
     */
    @Bean
    ServerKeyedHash serverKeyedHash(
            @Value("${lexvault.identity.api-key-secret:}") String configured,
            @Value("${lexvault.data-dir:var}") String dataDirectory) {
        String secret = configured.isBlank()
                ? LocalSecrets.readOrCreate(Path.of(dataDirectory), "api-key-hmac-secret", () -> {
                    byte[] random = new byte[32];
                    new SecureRandom().nextBytes(random);
                    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                })
                : configured;
        return new ServerKeyedHash(secret);
    }

    @Bean
    PostgreSQLSelectForUpdateBasedProxyManager<String> rateLimitBuckets(DataSource dataSource) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("lexvault.rate_limit_buckets")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
    }

    @Bean
    RateLimitHousekeeping rateLimitHousekeeping(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets) {
        return new RateLimitHousekeeping(buckets);
    }

    /** Deletes buckets nobody has touched since they refilled, so the table does not grow forever. */
    static final class RateLimitHousekeeping {
        private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

        RateLimitHousekeeping(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets) {
            this.buckets = buckets;
        }

        @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
        void removeExpired() {
            while (buckets.removeExpired(1000) == 1000) {
                // keep going in batches until a short one
            }
        }
    }
}
