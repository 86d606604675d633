package io.lexvault.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CheckpointNotesTests {

    private static final UUID FIRM = UUID.fromString("6f1c0c7e-2b9f-4f33-9c55-0d3b1f0e9a10");

    @Test
    void twoInstallationsOnOneHostSignUnderDifferentOrigins() {
        assertThat(CheckpointNotes.origin("http://localhost:8080", FIRM))
                .isEqualTo("localhost:8080/lexvault/audit/" + FIRM);
        assertThat(CheckpointNotes.origin("http://localhost:8081", FIRM))
                .isEqualTo("localhost:8081/lexvault/audit/" + FIRM);
        assertThat(CheckpointNotes.keyName("https://host.example/smith/"))
                .isNotEqualTo(CheckpointNotes.keyName("https://host.example/jones"))
                .isEqualTo("host.example/smith/lexvault/audit");
    }

    @Test
    void theSchemesDefaultPortAndCaseOfTheHostDoNotChangeTheOrigin() {
        String expected = "lexvault.smith.example/lexvault/audit";
        assertThat(CheckpointNotes.keyName("https://lexvault.smith.example")).isEqualTo(expected);
        assertThat(CheckpointNotes.keyName("https://lexvault.smith.example/")).isEqualTo(expected);
        assertThat(CheckpointNotes.keyName("https://LexVault.Smith.example:443"))
                .isEqualTo(expected);
        assertThat(CheckpointNotes.keyName("http://lexvault.smith.example:80/")).isEqualTo(expected);
        assertThat(CheckpointNotes.keyName("https://lexvault.smith.example:8443"))
                .isEqualTo("lexvault.smith.example:8443/lexvault/audit");
        assertThat(CheckpointNotes.origin("https://lexvault.smith.example", FIRM))
                .isEqualTo(expected + "/" + FIRM);
    }

    @Test
    void anAddressThatCannotNameAKeyIsRefused() {
        assertThatThrownBy(() -> CheckpointNotes.keyName("https://host.example/a+b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
