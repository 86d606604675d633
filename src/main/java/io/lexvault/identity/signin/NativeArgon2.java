package io.lexvault.identity.signin;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id by the reference implementation, libargon2, in native code (argon2-jvm bundles it per
 * platform and calls it through JNA): 1.5 to 2 times as fast as Bouncy Castle's Java on the same
 * parameters, with its 19 MiB of working memory outside the Java heap (ADR 0022).
 *
 * <p>It reads and writes the same PHC strings as Spring Security's {@code Argon2PasswordEncoder}
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, unpadded Base64, the password as UTF-8), so
 * hashes stored by either verify with the other ({@code NativeArgon2Tests}). Anything else (Argon2i or
 * Argon2d, another version) is left to Bouncy Castle by {@link PasswordHashing}.
 */
final class NativeArgon2 implements PasswordEncoder {

    private static final Logger log = LoggerFactory.getLogger(NativeArgon2.class);

    /** The only strings this encoder verifies: Argon2id, version 0x13, in PHC form. */
    static final String PREFIX = "$argon2id$v=19$";

    private final Argon2Advanced argon2;
    private final int iterations;
    private final int memoryKib;
    private final int parallelism;

    private NativeArgon2(Argon2Advanced argon2, int iterations, int memoryKib, int parallelism) {
        this.argon2 = argon2;
        this.iterations = iterations;
        this.memoryKib = memoryKib;
        this.parallelism = parallelism;
    }

    /**
     * The native encoder, or empty when the library cannot be loaded on this machine (no bundled
     * build for the platform, native access refused): then Bouncy Castle hashes, as before. Loading is
     * proven by hashing once here, not at the first sign-in.
     */
    static Optional<NativeArgon2> load(int saltBytes, int hashBytes, int iterations, int memoryKib, int parallelism) {
        try {
            var argon2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id, saltBytes, hashBytes);
            var encoder = new NativeArgon2(argon2, iterations, memoryKib, parallelism);
            // Smallest cost: only proves that the library loads and answers.
            String probe = argon2.hash(1, 8, 1, new char[] {'x'}, StandardCharsets.UTF_8);
            if (!probe.startsWith(PREFIX)) {
                throw new IllegalStateException("unexpected hash format");
            }
            return Optional.of(encoder);
        } catch (LinkageError | RuntimeException e) {
            log.warn(
                    "Native Argon2 (libargon2) is not available here, Bouncy Castle hashes passwords: {}",
                    e.toString());
            return Optional.empty();
        }
    }

    @Override
    public String encode(@Nullable CharSequence rawPassword) {
        char[] password = chars(rawPassword);
        try {
            return argon2.hash(iterations, memoryKib, parallelism, password, StandardCharsets.UTF_8);
        } finally {
            argon2.wipeArray(password);
        }
    }

    @Override
    public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
        if (encodedPassword == null || !encodedPassword.startsWith(PREFIX)) {
            return false;
        }
        char[] password = chars(rawPassword);
        try {
            return argon2.verify(encodedPassword, password, StandardCharsets.UTF_8);
        } finally {
            argon2.wipeArray(password);
        }
    }

    private static char[] chars(@Nullable CharSequence raw) {
        return raw == null ? new char[0] : raw.toString().toCharArray();
    }
}
