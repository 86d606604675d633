package io.lexvault.identity.signin;

import java.text.Normalizer;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How passwords are stored: Argon2id with OWASP's minimum (19 MiB of memory, 2 passes, 1 lane),
 * a 16-byte salt and a 32-byte hash, set explicitly because Spring Security's defaults differ.
 * bcrypt hashes (imported accounts) still verify, and the next successful sign-in replaces them.
 *
 * <p>Every password is NFKC-normalised before hashing, so the same password typed on two keyboards
 * (composed or decomposed accents, full-width digits) matches.
 */
final class PasswordHashing implements PasswordEncoder {

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    static final int PARALLELISM = 1;
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;

    private final PasswordEncoder delegate;

    PasswordHashing() {
        var argon2 = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
        this.delegate = new DelegatingPasswordEncoder(
                "argon2", Map.of("argon2", argon2, "bcrypt", new BCryptPasswordEncoder(12)));
    }

    @Override
    public String encode(@Nullable CharSequence rawPassword) {
        return delegate.encode(normalize(rawPassword));
    }

    @Override
    public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
        return delegate.matches(normalize(rawPassword), encodedPassword);
    }

    /** True for bcrypt and for Argon2 hashes with other parameters than today's. */
    @Override
    public boolean upgradeEncoding(@Nullable String encodedPassword) {
        if (encodedPassword == null || !encodedPassword.startsWith("{argon2}")) {
            return true;
        }
        return !encodedPassword.contains("$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$");
    }

    private static String normalize(@Nullable CharSequence raw) {
        return raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFKC);
    }
}
