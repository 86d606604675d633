package io.lexvault.matters.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lexvault.matters.MatterRefusedException;
import org.junit.jupiter.api.Test;

class MatterNumberFormatTests {

    @Test
    void rendersYearAndZeroPaddedSequence() {
        assertThat(MatterNumberFormat.DEFAULT.render(2024, 1)).isEqualTo("2024-0001");
        assertThat(MatterNumberFormat.DEFAULT.render(2026, 12345)).isEqualTo("2026-12345");
        assertThat(new MatterNumberFormat("M-{YY}/{SEQ:3}").render(2026, 7)).isEqualTo("M-26/007");
        assertThat(new MatterNumberFormat("LV{SEQ:5}").render(2026, 42)).isEqualTo("LV00042");
    }

    @Test
    void matchesOnlyNumbersOfItsShapeAndReadsTheirSequence() {
        var format = new MatterNumberFormat("M-{YY}/{SEQ:3}");
        assertThat(format.matches("M-26/001")).isTrue();
        assertThat(format.matches("M-26/1234")).isTrue();
        assertThat(format.matches("M-26/01")).isFalse();
        assertThat(format.matches("X-26/001")).isFalse();
        assertThat(format.matches("M-2026/001")).isFalse();
        int[] year = {0};
        assertThat(format.sequenceOf("M-24/017", year)).hasValue(17);
        assertThat(year[0]).isEqualTo(2024);
        // Regex characters in the literal part are literal.
        assertThat(new MatterNumberFormat("A.{SEQ:2}").matches("AX01")).isFalse();
    }

    @Test
    void refusesMalformedPatternsWithAReason() {
        assertThatThrownBy(() -> MatterNumberFormat.parse("{YYYY}"))
                .isInstanceOf(MatterRefusedException.class)
                .hasMessageContaining("{SEQ:n}");
        assertThatThrownBy(() -> MatterNumberFormat.parse("{SEQ:2}{SEQ:2}")).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> MatterNumberFormat.parse("{YYYY}{YY}{SEQ:2}")).hasMessageContaining("one year");
        assertThatThrownBy(() -> MatterNumberFormat.parse("a b{SEQ:2}")).hasMessageContaining("letters");
        assertThatThrownBy(() -> MatterNumberFormat.parse("-{SEQ:2}")).hasMessageContaining("start with");
        assertThatThrownBy(() -> MatterNumberFormat.parse("{SEQ:0}")).hasMessageContaining("letters");
        assertThatThrownBy(() -> MatterNumberFormat.parse("X".repeat(39) + "{SEQ:2}"))
                .hasMessageContaining("40");
        assertThatThrownBy(() -> MatterNumberFormat.parse(" ")).hasMessageContaining("required");
    }
}
