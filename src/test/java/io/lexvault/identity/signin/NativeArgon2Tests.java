package io.lexvault.identity.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * The native Argon2id (libargon2) and Bouncy Castle's read and write the same strings: a hash stored
 * by either verifies with the other, so switching between them (or a machine where the native library
 * cannot load) never locks anyone out.
 */
class NativeArgon2Tests {

    private static final String PASSWORD = "a perfectly fine passphrase";
    /** Composed and astral characters: both sides must turn the chars into the same UTF-8. */
    private static final String UNICODE = "pässwörd 𝄞 パスワード";

    private final NativeArgon2 fast = NativeArgon2.load(
                    PasswordHashing.SALT_BYTES,
                    PasswordHashing.HASH_BYTES,
                    PasswordHashing.ITERATIONS,
                    PasswordHashing.MEMORY_KIB,
                    PasswordHashing.PARALLELISM)
            .orElseThrow(() -> new AssertionError("libargon2 is bundled for this platform and must load"));
    private final Argon2PasswordEncoder java = new Argon2PasswordEncoder(
            PasswordHashing.SALT_BYTES,
            PasswordHashing.HASH_BYTES,
            PasswordHashing.PARALLELISM,
            PasswordHashing.MEMORY_KIB,
            PasswordHashing.ITERATIONS);

    @Test
    void bouncyCastleHashesVerifyNatively() {
        for (String password : new String[] {PASSWORD, UNICODE}) {
            String stored = java.encode(password);
            assertThat(fast.matches(password, stored)).as(stored).isTrue();
            assertThat(fast.matches(password + "!", stored)).isFalse();
            assertThat(fast.matches("", stored)).isFalse();
        }
    }

    @Test
    void nativeHashesVerifyWithBouncyCastleAndHaveTheSameForm() {
        for (String password : new String[] {PASSWORD, UNICODE}) {
            String stored = fast.encode(password);
            assertThat(stored).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
            assertThat(java.matches(password, stored)).as(stored).isTrue();
            assertThat(java.matches(password + "!", stored)).isFalse();
            assertThat(fast.matches(password, stored)).isTrue();
        }
    }

    @Test
    void aKnownHashFromBouncyCastleWithAFixedSalt() {
        byte[] salt = "sixteen byte slt".getBytes(StandardCharsets.US_ASCII);
        byte[] hash = new byte[PasswordHashing.HASH_BYTES];
        var generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withIterations(2)
                .withMemoryAsKB(19456)
                .withParallelism(1)
                .build());
        generator.generateBytes(UNICODE.toCharArray(), hash);
        String stored = "$argon2id$v=19$m=19456,t=2,p=1$" + unpadded(salt) + "$" + unpadded(hash);
        assertThat(fast.matches(UNICODE, stored)).isTrue();
        // One bit of the hash changed: refused.
        hash[31] ^= 1;
        assertThat(fast.matches(UNICODE, "$argon2id$v=19$m=19456,t=2,p=1$" + unpadded(salt) + "$" + unpadded(hash)))
                .isFalse();
    }

    @Test
    void malformedOrForeignStringsAreRefusedNotThrown() {
        assertThat(fast.matches(PASSWORD, null)).isFalse();
        assertThat(fast.matches(PASSWORD, "")).isFalse();
        assertThat(fast.matches(PASSWORD, "$argon2id$v=19$m=19456,t=2,p=1$bm90IGEgaGFzaA$"))
                .isFalse();
        assertThat(fast.matches(PASSWORD, "$argon2id$v=19$garbage")).isFalse();
        assertThat(fast.matches(PASSWORD, "$argon2i$v=19$m=19456,t=2,p=1$c2l4dGVlbiBieXRlIHNsdA$AAAA"))
                .isFalse();
    }

    @Test
    void passwordHashingVerifiesEitherWayAndArgon2iStillThroughBouncyCastle() {
        var withNative = new PasswordHashing(fast);
        var javaOnly = new PasswordHashing(null);
        assertThat(withNative.nativeArgon2()).isTrue();
        assertThat(javaOnly.nativeArgon2()).isFalse();
        String byNative = withNative.encode(UNICODE);
        String byJava = javaOnly.encode(UNICODE);
        assertThat(javaOnly.matches(UNICODE, byNative)).isTrue();
        assertThat(withNative.matches(UNICODE, byJava)).isTrue();
        assertThat(withNative.matches(UNICODE + " ", byJava)).isFalse();

        // An Argon2i hash (not what LexVault writes, but a valid stored string) is left to Bouncy Castle.
        byte[] salt = "sixteen byte slt".getBytes(StandardCharsets.US_ASCII);
        byte[] hash = new byte[32];
        var generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_i)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withIterations(2)
                .withMemoryAsKB(1024)
                .withParallelism(1)
                .build());
        generator.generateBytes(PASSWORD.toCharArray(), hash);
        String argon2i = "{argon2}$argon2i$v=19$m=1024,t=2,p=1$" + unpadded(salt) + "$" + unpadded(hash);
        assertThat(withNative.matches(PASSWORD, argon2i)).isTrue();
        assertThat(withNative.matches(PASSWORD + "!", argon2i)).isFalse();
    }

    private static String unpadded(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }
}
