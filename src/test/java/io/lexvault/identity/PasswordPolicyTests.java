package io.lexvault.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordPolicyTests {

    private final PasswordPolicy policy = new PasswordPolicy();
    private static final String EMAIL = "ann.smith@smith-partners.example";
    private static final String FIRM = "Smith & Partners LLP";

    @Test
    void acceptsALongUnrelatedPassphrase() {
        assertThat(policy.problems("tangerine orbit kettle mosaic", EMAIL, FIRM))
                .isEmpty();
    }

    @Test
    void refusesFewerThanTwelveCharacters() {
        assertThat(policy.problems("k7#mQ2!xZ9p", EMAIL, FIRM)).contains("Use at least 12 characters.");
    }

    @Test
    void countsCharactersNotBytesOrCodeUnits() {
        // Twelve characters, several outside the Basic Multilingual Plane (two UTF-16 units each).
        String twelve = "\uD83C\uDF0A\uD83C\uDF0B\uD83C\uDF0C\uD83C\uDF0D\uD83C\uDF0E\uD83C\uDF0F"
                + "\u00e5\u00f8\u00e6\u00df\u00fe\u00f0";
        assertThat(twelve.codePointCount(0, twelve.length())).isEqualTo(12);
        assertThat(policy.problems(twelve, EMAIL, FIRM)).doesNotContain("Use at least 12 characters.");
    }

    @Test
    void refusesMoreThan128Characters() {
        String tooLong = "tangerine orbit kettle mosaic ".repeat(5);
        assertThat(policy.problems(tooLong, EMAIL, FIRM)).contains("Use at most 128 characters.");
        assertThat(policy.problems(tooLong.substring(0, 128), EMAIL, FIRM)).isEmpty();
    }

    @Test
    void acceptsEveryKindOfUnicode() {
        assertThat(policy.problems(
                        "\u6625\u7720\u4e0d\u89c9\u6653 \u0436\u0451\u043b\u0443\u0434\u044c \u2603 \u00e9t\u00e9",
                        EMAIL,
                        FIRM))
                .isEmpty();
    }

    @Test
    void refusesTheMostCommonPasswords() {
        assertThat(policy.problems("qwertyuiop123", EMAIL, FIRM)).isNotEmpty();
        assertThat(policy.problems("password1234", EMAIL, FIRM)).isNotEmpty();
        assertThat(policy.problems("1234567890123", EMAIL, FIRM)).isNotEmpty();
    }

    @Test
    void refusesPasswordsBuiltOnTheEmailAddress() {
        assertThat(policy.problems("ann.smith-tangerine", EMAIL, FIRM))
                .contains("Do not use your e-mail address in your password.");
    }

    @Test
    void refusesPasswordsBuiltOnTheFirmName() {
        assertThat(policy.problems("SmithPartnersLLP!orbit", EMAIL, FIRM))
                .contains("Do not use the firm's name in your password.");
    }

    @Test
    void checkThrowsWithEveryProblem() {
        assertThatThrownBy(() -> policy.check("short", EMAIL, FIRM))
                .isInstanceOf(PasswordRejectedException.class)
                .satisfies(e ->
                        assertThat(((PasswordRejectedException) e).problems()).isNotEmpty());
    }

    @Test
    void meterAgreesWithTheVerdict() {
        var weak = policy.evaluate("password1234", EMAIL, FIRM);
        assertThat(weak.acceptable()).isFalse();
        assertThat(weak.score()).isLessThanOrEqualTo(2);
        var strong = policy.evaluate("tangerine orbit kettle mosaic", EMAIL, FIRM);
        assertThat(strong.acceptable()).isTrue();
        assertThat(strong.score()).isGreaterThanOrEqualTo(PasswordPolicy.MIN_SCORE);
    }
}
