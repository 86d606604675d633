package io.lexvault.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MatterScopeTests {

    final UUID a = UUID.randomUUID();
    final UUID b = UUID.randomUUID();
    final UUID c = UUID.randomUUID();
    final UUID clientX = UUID.randomUUID();
    final UUID clientY = UUID.randomUUID();

    @Test
    void twoScopesAdmitOnlyWhatBothAdmit() {
        MatterScope database = MatterScope.allBut(Set.of(a), Set.of(clientX));
        MatterScope application = new MatterScope(Set.of(a, b, c), Set.of(c), Set.of());

        MatterScope both = database.and(application);

        assertThat(both.admits(a, clientY))
                .as("screened by the database's view")
                .isFalse();
        assertThat(both.admits(b, clientY)).isTrue();
        assertThat(both.admits(b, clientX)).as("its client screened").isFalse();
        assertThat(both.admits(c, clientY))
                .as("screened by the application's view")
                .isFalse();
        assertThat(both.admits(UUID.randomUUID(), clientY))
                .as("not listed by the application")
                .isFalse();
        assertThat(application.and(database)).isEqualTo(both);
    }

    @Test
    void aReaderOfAllMattersAdmitsAnyMatterButTheScreened() {
        MatterScope scope = MatterScope.allBut(Set.of(a), Set.of(clientX));

        assertThat(scope.admits(UUID.randomUUID(), clientY)).isTrue();
        assertThat(scope.admitsMatter(a)).isFalse();
        assertThat(scope.isEmpty()).isFalse();
    }

    @Test
    void aListThatTheWallsEmptyAdmitsNothing() {
        assertThat(MatterScope.NOTHING.isEmpty()).isTrue();
        assertThat(MatterScope.only(Set.of()).isEmpty()).isTrue();
        assertThat(new MatterScope(Set.of(a), Set.of(a), Set.of()).isEmpty()).isTrue();
        assertThat(MatterScope.only(Set.of(a)).and(MatterScope.only(Set.of(b))).isEmpty())
                .isTrue();
        assertThat(MatterScope.allBut(Set.of(), Set.of())
                        .and(MatterScope.NOTHING)
                        .admits(a, clientX))
                .isFalse();
    }
}
