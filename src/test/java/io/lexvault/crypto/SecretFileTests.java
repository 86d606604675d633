package io.lexvault.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTests {

    @TempDir
    Path directory;

    @Test
    void generatesAPrivateSecretOnceAndReadsItBack() throws Exception {
        Path file = directory.resolve("secrets").resolve("db-password");
        String first = SecretFile.readOrCreate(file);
        assertThat(first).hasSizeGreaterThanOrEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(SecretFile.readOrCreate(file)).isEqualTo(first);
    }

    @Test
    void leavesAnExistingParentDirectoryAlone() throws Exception {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        SecretFile.readOrCreate(directory.resolve("superuser-password"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                .isEqualTo("rwxr-xr-x");
    }

    @Test
    void refusesASecretOthersCanRead() throws Exception {
        Path file = directory.resolve("loose");
        Files.writeString(file, "planted-or-exposed");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SecretFile.readOrCreate(file)).hasMessageContaining("chmod 600");
    }

    @Test
    void refusesALinkInsteadOfAFile() throws Exception {
        Path target = directory.resolve("elsewhere");
        Files.writeString(target, "someone-elses-secret");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        Path link = Files.createSymbolicLink(directory.resolve("linked"), target);
        assertThatThrownBy(() -> SecretFile.readOrCreate(link)).hasMessageContaining("not a link");
    }

    @Test
    void refusesAnEmptySecret() throws Exception {
        Path file = directory.resolve("empty");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        assertThatThrownBy(() -> SecretFile.readOrCreate(file)).hasMessageContaining("is empty");
    }
}
