package io.lexvault.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.MockSignIn;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * No enumeration by timing: an unknown address, a wrong password and a locked account take the same
 * time to refuse, within a tolerance, judged statistically over many interleaved attempts (medians
 * and the overlap of the middle halves). This is a comparison of three populations measured side by
 * side on the same machine, not an assertion about how long anything takes.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class SignInTimingIntegrationTests extends FirmWebTest {

    private static final int ROUNDS = 40;
    private static final int WARM_UP = 5;

    /** Medians may differ by at most this share of the unknown-address median. */
    private static final double TOLERANCE = 0.20;

    @Test
    void unknownAddressWrongPasswordAndLockedAccountTakeTheSameTime() throws Exception {
        var firm = aFirm("Timing");
        var locked = People.aPerson(accounts, firm);
        for (int i = 0; i < 5; i++) {
            attempt(locked.email(), "wrong " + i);
        }
        // A wrong password on an open account counts towards its lockout: rotate accounts, four tries each.
        var open = new ArrayList<People.Person>();
        for (int i = 0; i < (ROUNDS + WARM_UP) / 4 + 1; i++) {
            open.add(People.aPerson(accounts, firm));
        }
        long[] unknown = new long[ROUNDS];
        long[] wrong = new long[ROUNDS];
        long[] lockedOut = new long[ROUNDS];
        for (int round = -WARM_UP; round < ROUNDS; round++) {
            // Interleaved, in an order that rotates each round, so drift on the machine and the
            // position within a round affect every kind alike.
            var person = open.get((round + WARM_UP) / 4);
            long[] times = new long[3];
            for (int slot = 0; slot < 3; slot++) {
                int kind = Math.floorMod(round + slot, 3);
                times[kind] = switch (kind) {
                    case 0 -> attempt("nobody-" + TestDatabase.randomName() + "@firm.example", People.PASSWORD);
                    case 1 -> attempt(person.email(), "not the password");
                    default -> attempt(locked.email(), locked.password());
                };
            }
            if (round >= 0) {
                unknown[round] = times[0];
                wrong[round] = times[1];
                lockedOut[round] = times[2];
            }
        }
        double reference = median(unknown);
        System.out.printf(
                "sign-in refusal medians (ms): unknown %.2f, wrong password %.2f, locked %.2f%n",
                reference / 1e6, median(wrong) / 1e6, median(lockedOut) / 1e6);
        for (var group : List.of(wrong, lockedOut)) {
            // Paired by round: the median of per-round differences shrugs off load on a shared machine.
            long[] differences = new long[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                differences[round] = group[round] - unknown[round];
            }
            assertThat(Math.abs(median(differences))).isLessThanOrEqualTo(TOLERANCE * reference);
            // The middle halves overlap: neither population sits entirely above the other.
            assertThat(quartile(group, 1)).isLessThanOrEqualTo(quartile(unknown, 3));
            assertThat(quartile(unknown, 1)).isLessThanOrEqualTo(quartile(group, 3));
        }
    }

    private long attempt(String email, String password) throws Exception {
        long start = System.nanoTime();
        var response = MockSignIn.signIn(mvc, email, password);
        long elapsed = System.nanoTime() - start;
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?error");
        return elapsed;
    }

    private static double median(long[] values) {
        return quartile(values, 2);
    }

    private static double quartile(long[] values, int quarter) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * quarter / 4)];
    }
}
