package io.lexvault.identity.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTests {

    /** RFC 6238 Appendix B: the SHA-1 seed and its 8-digit codes at the given times. */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheTestVectorsOfRfc6238() {
        long[][] vectors = {
            {59L, 94287082L}, {1111111109L, 7081804L}, {1111111111L, 14050471L},
            {1234567890L, 89005924L}, {2000000000L, 69279037L}, {20000000000L, 65353130L}
        };
        for (long[] vector : vectors) {
            long step = Totp.stepAt(Instant.ofEpochSecond(vector[0]));
            assertThat(Totp.code(RFC_SEED, step, 8, "HmacSHA1"))
                    .as("T=%d", vector[0])
                    .isEqualTo(String.format("%08d", vector[1]));
        }
    }

    @Test
    void acceptsOneStepOfDriftEitherWayAndNoMore() {
        byte[] secret = Totp.newSecret();
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = Totp.stepAt(now);
        for (long drift = -1; drift <= 1; drift++) {
            assertThat(Totp.matchingStep(secret, Totp.code(secret, step + drift), now, 0))
                    .hasValue(step + drift);
        }
        assertThat(Totp.matchingStep(secret, Totp.code(secret, step + 2), now, 0))
                .isEmpty();
        assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 2), now, 0))
                .isEmpty();
    }

    @Test
    void refusesACodeForAStepAlreadyUsed() {
        byte[] secret = Totp.newSecret();
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = Totp.stepAt(now);
        String code = Totp.code(secret, step);
        assertThat(Totp.matchingStep(secret, code, now, step - 1)).hasValue(step);
        assertThat(Totp.matchingStep(secret, code, now, step)).isEmpty();
    }

    @Test
    void refusesMalformedCodes() {
        byte[] secret = Totp.newSecret();
        for (String bad : new String[] {"", "12345", "1234567", "abcdef", "12 34 5x"}) {
            assertThat(Totp.matchingStep(secret, bad, Instant.now(), 0)).as(bad).isEmpty();
        }
    }

    @Test
    void uriIsWhatAuthenticatorAppsRead() {
        byte[] secret = Totp.newSecret();
        assertThat(Totp.uri(secret, "LexVault (Smith & Partners)", "ann@smith.example"))
                .startsWith("otpauth://totp/LexVault%20%28Smith%20%26%20Partners%29:ann%40smith.example?secret=")
                .contains("secret=" + Totp.base32(secret), "algorithm=SHA1", "digits=6", "period=30");
        assertThat(Totp.base32(secret)).hasSize(32).matches("[A-Z2-7]+");
    }

    @Test
    void qrCodeIsSelfContainedSvg() {
        String svg = QrCodes.svg("otpauth://totp/x:y?secret=ABC");
        assertThat(svg).startsWith("<svg").endsWith("</svg>").doesNotContain("<script", "style=", "href", "<image");
        assertThat(svg.replace("http://www.w3.org/2000/svg", ""))
                .as("no address but the SVG namespace")
                .doesNotContain("://");
    }
}
