package io.lexvault.search.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExtractionLimitsTests {

    private static final long MB = 1024 * 1024;

    @Test
    void theTextOneExtractionMayHoldFollowsTheHeapBetweenAFloorAndACap() {
        assertThat(ExtractionLimits.charactersFor(96 * MB)).isEqualTo(96 * MB / 64);
        assertThat(ExtractionLimits.charactersFor(384 * MB)).isEqualTo(384 * MB / 64);
        assertThat(ExtractionLimits.charactersFor(16 * MB)).isEqualTo(1_000_000);
        assertThat(ExtractionLimits.charactersFor(8192 * MB)).isEqualTo(20_000_000);
    }

    @Test
    void theDefaultsAreThoseOfTheHeapThisProcessRunsIn() {
        assertThat(ExtractionLimits.DEFAULTS.maxCharacters())
                .isEqualTo(ExtractionLimits.charactersFor(Runtime.getRuntime().maxMemory()));
    }
}
