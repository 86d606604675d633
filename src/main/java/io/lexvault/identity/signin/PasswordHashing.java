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
 * <p>Argon2id hashes are computed and checked by libargon2 in native code when it loads
 * ({@link NativeArgon2}, about twice as fast: ADR 0022), else by Bouncy Castle; both read and write
 * the same strings, so a stored hash stays valid whichever computes it.
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
    private final boolean nativeArgon2;

    PasswordHashing() {
        this(NativeArgon2.load(SALT_BYTES, HASH_BYTES, ITERATIONS, MEMORY_KIB, PARALLELISM)
                .orElse(null));
    }

    /** With {@code nativeArgon2} null, Bouncy Castle alone (as on a machine where libargon2 cannot load). */
    PasswordHashing(@Nullable NativeArgon2 nativeArgon2) {
        var javaArgon2 = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
        PasswordEncoder argon2 = nativeArgon2 == null ? javaArgon2 : new PreferNative(nativeArgon2, javaArgon2);
        this.nativeArgon2 = nativeArgon2 != null;
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

    /** True when Argon2id runs natively here (reported by the benchmark and at start-up). */
    boolean nativeArgon2() {
        return nativeArgon2;
    }

    /**
     * Native for what it reads (Argon2id, version 19), Bouncy Castle for any other Argon2 string,
     * so that a hash with another variant or version still verifies as it did.
     */
    private record PreferNative(NativeArgon2 fast, PasswordEncoder java) implements PasswordEncoder {
        @Override
        public String encode(@Nullable CharSequence rawPassword) {
            return fast.encode(rawPassword);
        }

        @Override
        public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
            return encodedPassword != null && encodedPassword.startsWith(NativeArgon2.PREFIX)
                    ? fast.matches(rawPassword, encodedPassword)
                    : java.matches(rawPassword, encodedPassword);
        }
    }

    private static String normalize(@Nullable CharSequence raw) {
        return raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFKC);
    }
}
