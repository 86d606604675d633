package io.lexvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTests {

    @Test
    void versionSevenWithTheTimeInFrontAndTheRandomBitsKept() {
        var random = UUID.fromString("c0ffee00-1234-4abc-9def-0123456789ab");
        long millis = Instant.parse("2026-12-07T17:00:00.123Z").toEpochMilli();
        var id = EventIds.at(millis, random);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(id.getMostSignificantBits() & 0x0FFF).isEqualTo(random.getMostSignificantBits() & 0x0FFF);
        assertThat(id.getLeastSignificantBits()).isEqualTo(random.getLeastSignificantBits());
    }

    @Test
    void idsGrowWithTimeAndDoNotRepeatWithinAMillisecond() {
        var earlier = EventIds.next(Clock.fixed(Instant.parse("2026-12-07T17:00:00Z"), ZoneOffset.UTC));
        var later = EventIds.next(Clock.fixed(Instant.parse("2026-12-07T17:00:00.001Z"), ZoneOffset.UTC));
        // PostgreSQL orders uuids by their bytes, i.e. as unsigned numbers from the first byte on.
        assertThat(Long.compareUnsigned(earlier.getMostSignificantBits(), later.getMostSignificantBits()))
                .isNegative();
        var same = Clock.fixed(Instant.parse("2026-12-07T17:00:00Z"), ZoneOffset.UTC);
        var seen = new HashSet<UUID>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(EventIds.next(same))).isTrue();
        }
    }
}
