package io.lexvault.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Choosing the root key's source, the KMS seam (no KMS is reachable here, so nothing is sent to one:
 * only what can be checked without one), and a keyset file followed across a rotation by a node that
 * loaded it before.
 */
class RootKeySourcesTests {

    private static final String KEY_ARN =
            "arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final byte[] AD = "lexvault-keyset|test".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dataDirectory;

    @Test
    void anAwsKmsUriNamesTheKeyAndItsRegion() {
        var key = AwsKmsKeyUri.parse("aws-kms://" + KEY_ARN);
        assertThat(key.arn()).isEqualTo(KEY_ARN);
        assertThat(key.region()).isEqualTo("eu-central-1");
        assertThat(key.namesKey()).isTrue();

        var alias = AwsKmsKeyUri.parse("aws-kms://arn:aws:kms:us-east-1:123456789012:alias/lexvault-root");
        assertThat(alias.region()).isEqualTo("us-east-1");
        assertThat(alias.namesKey()).isFalse();
        assertThat(AwsKmsKeyUri.parse("aws-kms://arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/abc")
                        .region())
                .isEqualTo("us-gov-west-1");
    }

    @Test
    void aKmsUriThatNamesNoKeyIsRefused() {
        for (String uri : new String[] {
            "aws-kms://arn:aws:kms:eu-central-1:1234:key/abc", // account is 12 digits
            "aws-kms://alias/lexvault-root", // an alias ARN, not a bare alias
            "aws-kms://arn:aws:s3:::bucket",
            "aws-kms://arn:aws:kms:eu-central-1:123456789012:key/abc?x=1",
            "aws-kms://"
        }) {
            assertThatThrownBy(() -> RootKeySources.kms(uri))
                    .as(uri)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not name a KMS key");
        }
    }

    @Test
    void anotherKmsOrNoSchemeIsRefusedSayingWhatIsSupported() {
        assertThatThrownBy(() -> RootKeySources.kms("gcp-kms://projects/p/locations/global/keyRings/r/cryptoKeys/k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not support (gcp-kms://)")
                .hasMessageContaining("aws-kms://");
        assertThatThrownBy(() -> RootKeySources.kms("hcvault://vault.example/transit/keys/root"))
                .hasMessageContaining("does not support (hcvault://)");
        assertThatThrownBy(() -> RootKeySources.kms(KEY_ARN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a KMS key URI such as aws-kms://");
    }

    @Test
    void aKmsKeyAndAConfiguredKeysetTogetherAreRefused() {
        assertThatThrownBy(
                        () -> RootKeySources.choose(RootKeysets.generateJson(), "aws-kms://" + KEY_ARN, dataDirectory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not both");
    }

    @Test
    void aKmsRootKeyMakesNoKeysetFileAndNoClientUntilItIsUsed() throws Exception {
        var made = new AtomicInteger();
        var key = AwsKmsKeyUri.parse("aws-kms://" + KEY_ARN);
        var source = new AwsKmsRootKey(key, () -> {
            made.incrementAndGet();
            return AwsKmsRootKey.client(key);
        });
        var root = RootKey.of(source);

        assertThat(made).hasValue(0);
        assertThat(source.description()).isEqualTo("the AWS KMS key aws-kms://" + KEY_ARN);
        assertThat(root.aead()).isNotNull();
        assertThat(made).hasValue(0);
        source.unwrapping();
        source.wrapping();
        assertThat(made).hasValue(1);
        // Chosen from the configuration: no keyset file is generated beside it.
        assertThat(RootKeySources.choose("", "aws-kms://" + KEY_ARN, dataDirectory))
                .isInstanceOf(AwsKmsRootKey.class);
        assertThat(dataDirectory.resolve("secrets")).doesNotExist();
    }

    @Test
    void theKmsClientUsesTheKeysRegionAndTheAwsDefaultCredentials() {
        try (KmsClient client = AwsKmsRootKey.client(AwsKmsKeyUri.parse("aws-kms://" + KEY_ARN))) {
            assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
            assertThat(client.serviceClientConfiguration().credentialsProvider())
                    .isInstanceOf(DefaultCredentialsProvider.class);
        }
    }

    @Test
    void aNodeFollowsItsKeysetFileAcrossARotationWithoutARestart() throws Exception {
        var node = RootKey.of(RootKeySources.choose("", "", dataDirectory));
        var file = (KeysetFile) node.source();
        assertThat(Files.getPosixFilePermissions(file.path()))
                .extracting(Object::toString)
                .asString()
                .isEqualTo("[OWNER_READ, OWNER_WRITE]");
        KeysetHandle old = file.read();
        byte[] underOld = node.aead().encrypt(new byte[] {1}, AD);

        // Another process (the rotation command) adds a key and makes it primary.
        var other = (KeysetFile) RootKeySources.choose("", "", dataDirectory);
        KeysetHandle combined = RootKeysets.withNewPrimary(other.read());
        other.replace(combined);
        byte[] underNew = RootKeysets.aead(RootKeysets.primaryOnly(combined)).encrypt(new byte[] {2}, AD);

        // The node unwraps a row wrapped under the new key by reading the file again ...
        assertThat(node.aead().decrypt(underNew, AD)).containsExactly(2);
        // ... wraps under the new key ...
        byte[] wrappedByNode = node.aead().encrypt(new byte[] {3}, AD);
        assertThat(RootKeysets.aead(RootKeysets.primaryOnly(combined)).decrypt(wrappedByNode, AD))
                .containsExactly(3);
        // ... and once the old key is gone from the file, a node started since cannot unwrap with it.
        other.replace(RootKeysets.primaryOnly(combined));
        var startedSince = RootKey.of(RootKeySources.choose("", "", dataDirectory));
        assertThatThrownBy(() -> startedSince.aead().decrypt(underOld, AD))
                .isInstanceOf(GeneralSecurityException.class);
        assertThat(RootKeysets.aead(old).decrypt(underOld, AD)).containsExactly(1);
        assertThat(Files.getPosixFilePermissions(file.path()))
                .extracting(Object::toString)
                .asString()
                .isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void aMissingKeysetFileIsNeverQuietlyReplacedByANewKey() throws Exception {
        var node = RootKey.of(RootKeySources.choose("", "", dataDirectory));
        byte[] wrapped = node.aead().encrypt(new byte[] {1}, AD);
        Files.delete(((KeysetFile) node.source()).path());
        assertThatThrownBy(() -> node.aead().encrypt(new byte[] {2}, AD))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not exist");
        assertThat(node.aead().decrypt(wrapped, AD)).containsExactly(1);
    }
}
