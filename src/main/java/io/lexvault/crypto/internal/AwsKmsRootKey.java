package io.lexvault.crypto.internal;

import com.google.crypto.tink.Aead;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The root key is a key in AWS KMS ({@code lexvault.crypto.kms-uri}): every firm keyset is wrapped
 * and unwrapped by KMS, and the root key never exists outside it. The client is made at the first
 * wrap or unwrap, not at start-up, with the region of the key's ARN and credentials from the AWS
 * default chain (environment, profile, container or instance role). Rotation is the KMS's own
 * (automatic key rotation keeps older key material for decryption), so nothing here is re-wrapped.
 */
public final class AwsKmsRootKey implements RootKeySource {

    private final AwsKmsKeyUri key;
    private final Supplier<KmsClient> clients;
    private volatile @Nullable Aead aead;

    AwsKmsRootKey(AwsKmsKeyUri key, Supplier<KmsClient> clients) {
        this.key = key;
        this.clients = clients;
    }

    static AwsKmsRootKey connectingTo(AwsKmsKeyUri key) {
        return new AwsKmsRootKey(key, () -> client(key));
    }

    /** A client for the key's region; nothing is sent and no credentials are looked up until it is used. */
    static KmsClient client(AwsKmsKeyUri key) {
        return KmsClient.builder()
                .region(Region.of(key.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                // Bounded waits: an unreachable KMS fails the unwrap, it never hangs a request.
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(20)))
                .overrideConfiguration(override -> override.apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    public AwsKmsKeyUri key() {
        return key;
    }

    @Override
    public Aead unwrapping() {
        return aead();
    }

    @Override
    public Aead wrapping() {
        return aead();
    }

    @Override
    public Optional<Aead> reread() {
        return Optional.empty();
    }

    private Aead aead() {
        var made = aead;
        if (made == null) {
            synchronized (this) {
                made = aead;
                if (made == null) {
                    made = new AwsKmsAead(clients.get(), key);
                    aead = made;
                }
            }
        }
        return made;
    }

    @Override
    public String description() {
        return "the AWS KMS key " + key;
    }
}
