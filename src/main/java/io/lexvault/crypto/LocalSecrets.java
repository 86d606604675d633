package io.lexvault.crypto;

import java.nio.file.Path;
import java.util.function.Supplier;

/** Secrets LexVault generates for itself and keeps under the data directory, readable by its owner only. */
public final class LocalSecrets {

    private LocalSecrets() {}

    /**
     * The secret stored at {@code <dataDirectory>/secrets/<name>}, generated on first use.
     *
     * @throws IllegalStateException when the file is a link, belongs to someone else or is readable by others
     */
    public static String readOrCreate(Path dataDirectory, String name, Supplier<String> generator) {
        if (!name.matches("[a-z0-9][a-z0-9.-]{0,62}")) {
            throw new IllegalArgumentException("Not a secret name: " + name);
        }
        return SecretFile.readOrCreate(dataDirectory.resolve("secrets").resolve(name), generator);
    }
}
