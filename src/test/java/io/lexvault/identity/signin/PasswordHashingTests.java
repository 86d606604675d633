package io.lexvault.identity.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.identity.PasswordPolicy;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class PasswordHashingTests {

    private final PasswordHashing hashing = new PasswordHashing();

    @Test
    void storedHashIsArgon2idWithOwaspParameters() {
        String hash = hashing.encode("a perfectly fine passphrase");
        var matcher = Pattern.compile("\\{argon2}\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([^$]+)\\$([^$]+)")
                .matcher(hash);
        assertThat(matcher.matches()).as(hash).isTrue();
        assertThat(Integer.parseInt(matcher.group(1))).as("memory in KiB").isGreaterThanOrEqualTo(19 * 1024);
        assertThat(Integer.parseInt(matcher.group(2))).as("iterations").isGreaterThanOrEqualTo(2);
        assertThat(Integer.parseInt(matcher.group(3))).as("parallelism").isEqualTo(1);
        assertThat(java.util.Base64.getDecoder().decode(pad(matcher.group(4))))
                .as("salt")
                .hasSize(16);
        assertThat(java.util.Base64.getDecoder().decode(pad(matcher.group(5))))
                .as("hash")
                .hasSize(32);
    }

    @Test
    void sameVerificationForEveryRightPasswordAndNoneForAWrongOne() {
        String hash = hashing.encode("a perfectly fine passphrase");
        assertThat(hashing.matches("a perfectly fine passphrase", hash)).isTrue();
        assertThat(hashing.matches("a perfectly fine passphrasE", hash)).isFalse();
        assertThat(hashing.upgradeEncoding(hash)).isFalse();
    }

    @Test
    void legacyBcryptHashStillVerifiesAndAsksForAnUpgrade() {
        String legacy = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("an imported passphrase");
        assertThat(hashing.matches("an imported passphrase", legacy)).isTrue();
        assertThat(hashing.upgradeEncoding(legacy)).isTrue();
    }

    @Test
    void weakerArgon2ParametersAskForAnUpgrade() {
        var weak = new org.springframework.security.crypto.argon2.Argon2PasswordEncoder(16, 32, 1, 4096, 3);
        String hash = "{argon2}" + weak.encode("a perfectly fine passphrase");
        assertThat(hashing.matches("a perfectly fine passphrase", hash)).isTrue();
        assertThat(hashing.upgradeEncoding(hash)).isTrue();
    }

    @Test
    void nothingIsTruncatedEvenAtTheMaximumLength() {
        String base = "x".repeat(PasswordPolicy.MAX_LENGTH - 1);
        String hash = hashing.encode(base + "a");
        assertThat(hashing.matches(base + "a", hash)).isTrue();
        assertThat(hashing.matches(base + "b", hash))
                .as("the last character counts")
                .isFalse();
    }

    @Test
    void composedAndDecomposedSpellingsAreTheSamePassword() {
        String composed = "caf\u00e9 au lait, s'il vous pla\u00eet";
        String decomposed = "cafe\u0301 au lait, s'il vous plai\u0302t";
        assertThat(hashing.matches(decomposed, hashing.encode(composed))).isTrue();
    }

    private static String pad(String base64) {
        return base64 + "=".repeat((4 - base64.length() % 4) % 4);
    }
}
