package io.lexvault.assistant.pseudonyms;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/**
 * The check-digit and format rules of the identifiers the pseudonymiser recognises without a cue word.
 * Every method takes the identifier's characters without separators. A number that fails its rule is
 * not taken for that identifier here (it may still be replaced when a cue word names it: see {@link
 * NationalIds}).
 */
final class CheckDigits {

    private CheckDigits() {}

    /** Luhn (ISO/IEC 7812): payment cards, and the last digit of a Swedish personnummer. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** ISO 13616: the country and check digits moved to the end, letters as 10..35, mod 97 = 1. */
    static boolean iban(String iban) {
        String s = iban.toUpperCase(Locale.ROOT);
        if (s.length() < 15 || s.length() > 34 || !s.matches("[A-Z]{2}\\d{2}[A-Z0-9]+")) {
            return false;
        }
        var rearranged = new StringBuilder();
        for (char c : (s.substring(4) + s.substring(0, 4)).toCharArray()) {
            rearranged.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(rearranged.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /**
     * Swedish personnummer or samordningsnummer (day + 60): YYMMDDNNNC or YYYYMMDDNNNC, a real date,
     * Luhn over the ten digits.
     */
    static boolean swedishPersonnummer(String digits) {
        String ten = digits.length() == 12 ? digits.substring(2) : digits;
        if (ten.length() != 10) {
            return false;
        }
        int month = num(ten, 2, 4);
        int day = num(ten, 4, 6);
        if (day > 60) {
            day -= 60;
        }
        return plausibleDate(day, month) && luhn(ten);
    }

    /** Norwegian fødselsnummer (also D-number: day + 40, H-number: month + 40): two mod-11 digits. */
    static boolean norwegianFodselsnummer(String digits) {
        if (digits.length() != 11) {
            return false;
        }
        int day = num(digits, 0, 2);
        int month = num(digits, 2, 4);
        if (day > 40) {
            day -= 40;
        }
        if (month > 40) {
            month -= 40;
        }
        if (!plausibleDate(day, month)) {
            return false;
        }
        int[] w1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
        int[] w2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
        int k1 = mod11(digits, w1);
        int k2 = mod11(digits, w2);
        return k1 == digits.charAt(9) - '0' && k2 == digits.charAt(10) - '0';
    }

    private static int mod11(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * (digits.charAt(i) - '0');
        }
        int k = 11 - sum % 11;
        return k == 11 ? 0 : k; // 10 is impossible: such numbers are never issued, so never equal a digit
    }

    /**
     * Danish CPR: DDMMYY-SSSS. The modulus-11 check was given up in 2007, so numbers issued since fail
     * it: a real date is the only rule, and the pattern demands the separator or a cue word (see
     * {@link NationalIds}).
     */
    static boolean danishCpr(String digits) {
        return digits.length() == 10 && plausibleDate(num(digits, 0, 2), num(digits, 2, 4));
    }

    private static final String HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    /** Finnish henkilötunnus: DDMMYY, century sign, NNN, check character = DDMMYYNNN mod 31. */
    static boolean finnishHetu(String hetu) {
        String s = hetu.toUpperCase(Locale.ROOT);
        if (s.length() != 11) {
            return false;
        }
        String date = s.substring(0, 6);
        String serial = s.substring(7, 10);
        if (!date.chars().allMatch(Character::isDigit) || !serial.chars().allMatch(Character::isDigit)) {
            return false;
        }
        if (!plausibleDate(num(s, 0, 2), num(s, 2, 4))) {
            return false;
        }
        int n = Integer.parseInt(date + serial);
        return HETU_CHECK.charAt(n % 31) == s.charAt(10);
    }

    /**
     * German steuerliche Identifikationsnummer: 11 digits, no leading 0, in the first ten one digit
     * twice or three times, and the ISO 7064 MOD 11,10 check digit.
     */
    static boolean germanTaxId(String digits) {
        if (digits.length() != 11 || digits.charAt(0) == '0') {
            return false;
        }
        int[] counts = new int[10];
        for (int i = 0; i < 10; i++) {
            counts[digits.charAt(i) - '0']++;
        }
        int repeated = 0;
        for (int c : counts) {
            if (c > 3) {
                return false;
            }
            if (c >= 2) {
                repeated++;
            }
        }
        if (repeated != 1) {
            return false;
        }
        int product = 10;
        for (int i = 0; i < 10; i++) {
            int sum = (digits.charAt(i) - '0' + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (sum * 2) % 11;
        }
        int check = 11 - product;
        if (check == 10) {
            check = 0;
        }
        return check == digits.charAt(10) - '0';
    }

    /**
     * French NIR (numéro de sécurité sociale) with its key: sex 1/2 (7/8 for temporary numbers), year,
     * month (01-12, or 20-99 for unknown months), département (2A/2B for Corsica count as 19/18),
     * commune, order, and key = 97 − (number mod 97).
     */
    static boolean frenchNir(String nir) {
        String s = nir.toUpperCase(Locale.ROOT);
        if (s.length() != 15 || "1278".indexOf(s.charAt(0)) < 0) {
            return false;
        }
        String body = s.substring(0, 13);
        if (body.contains("2A")) {
            body = body.replace("2A", "19");
        } else if (body.contains("2B")) {
            body = body.replace("2B", "18");
        }
        if (!body.chars().allMatch(Character::isDigit)
                || !s.substring(13).chars().allMatch(Character::isDigit)) {
            return false;
        }
        int month = num(s, 3, 5);
        if (month == 0 || (month > 12 && month < 20)) {
            return false;
        }
        long number = Long.parseLong(body);
        return 97 - (number % 97) == Integer.parseInt(s.substring(13));
    }

    /** Dutch BSN: nine digits passing the 11-proof (9·d1 + … + 2·d8 − d9 ≡ 0 mod 11). */
    static boolean dutchBsn(String digits) {
        if (digits.length() != 9 || digits.equals("000000000")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (digits.charAt(i) - '0');
        }
        sum -= digits.charAt(8) - '0';
        return sum % 11 == 0;
    }

    /** Polish PESEL: a real birth date (the month carries the century) and the weighted check digit. */
    static boolean polishPesel(String digits) {
        if (digits.length() != 11) {
            return false;
        }
        int month = num(digits, 2, 4) % 20;
        if (!plausibleDate(num(digits, 4, 6), month)) {
            return false;
        }
        int[] w = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += w[i] * (digits.charAt(i) - '0');
        }
        return (10 - sum % 10) % 10 == digits.charAt(10) - '0';
    }

    private static final Set<String> NINO_NEVER = Set.of("BG", "GB", "NK", "KN", "TN", "NT", "ZZ");

    /**
     * UK National Insurance number (no check digit; the format rules): two prefix letters (not D, F,
     * I, Q, U, V; the second not O; not BG, GB, NK, KN, TN, NT, ZZ), six digits, suffix A-D.
     */
    static boolean ukNino(String nino) {
        String s = nino.toUpperCase(Locale.ROOT);
        return s.matches("[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\\d{6}[A-D]") && !NINO_NEVER.contains(s.substring(0, 2));
    }

    /** Day 1-31 in month 1-12 that exists in a leap year (the year is often not in the number). */
    static boolean plausibleDate(int day, int month) {
        try {
            LocalDate.of(2000, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s.substring(from, to));
    }
}
