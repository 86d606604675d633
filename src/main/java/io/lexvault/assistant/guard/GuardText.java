package io.lexvault.assistant.guard;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * The forms of a text the rules look at. Attackers hide instructions from pattern matching with
 * compatibility characters (full-width letters, ligatures), invisible characters (zero-width spaces,
 * joiners, soft hyphens, bidi controls), look-alike letters from other scripts (Cyrillic "а" for Latin
 * "a") and dropped or added accents; every rule therefore runs on the {@link #folded} form, and the
 * {@link #plain} form (the same without the anti-obfuscation steps) tells whether hiding was needed.
 */
record GuardText(String plain, String folded, int invisible, int bidiOverrides, boolean mixedScriptWord) {

    // Cyrillic and Greek letters that look like Latin ones (Unicode's confusables.txt, the lower-case
    // subset that matters once the text is lower-cased). Mapping them lets "іgnоrе" (Cyrillic і, о, е)
    // match "ignore".
    private static final Map<Character, Character> CONFUSABLES = Map.ofEntries(
            Map.entry('а', 'a'),
            Map.entry('в', 'b'),
            Map.entry('е', 'e'),
            Map.entry('ё', 'e'),
            Map.entry('к', 'k'),
            Map.entry('м', 'm'),
            Map.entry('н', 'h'),
            Map.entry('о', 'o'),
            Map.entry('р', 'p'),
            Map.entry('с', 'c'),
            Map.entry('т', 't'),
            Map.entry('у', 'y'),
            Map.entry('х', 'x'),
            Map.entry('і', 'i'),
            Map.entry('ї', 'i'),
            Map.entry('ј', 'j'),
            Map.entry('ѕ', 's'),
            Map.entry('ԁ', 'd'),
            Map.entry('ԛ', 'q'),
            Map.entry('ԝ', 'w'),
            Map.entry('ɡ', 'g'),
            Map.entry('ɑ', 'a'),
            Map.entry('ı', 'i'),
            Map.entry('α', 'a'),
            Map.entry('β', 'b'),
            Map.entry('ε', 'e'),
            Map.entry('η', 'n'),
            Map.entry('ι', 'i'),
            Map.entry('κ', 'k'),
            Map.entry('ν', 'v'),
            Map.entry('ο', 'o'),
            Map.entry('ρ', 'p'),
            Map.entry('τ', 't'),
            Map.entry('υ', 'u'),
            Map.entry('χ', 'x'),
            Map.entry('γ', 'y'),
            Map.entry('ω', 'w'));

    static GuardText of(String text) {
        String compatible = Normalizer.normalize(text, Normalizer.Form.NFKC);
        int invisible = 0;
        int overrides = 0;
        var visible = new StringBuilder(compatible.length());
        for (int i = 0; i < compatible.length(); i++) {
            char c = compatible.charAt(i);
            if (isBidiOverride(c)) {
                overrides++;
                invisible++;
            } else if (Character.getType(c) == Character.FORMAT) {
                // zero-width space/joiners, soft hyphen, word joiner, BOM, bidi marks and isolates
                invisible++;
            } else {
                visible.append(c);
            }
        }
        String lower = visible.toString().toLowerCase(Locale.ROOT);
        // as written: no compatibility folding, invisible characters and look-alikes left in place
        String plain = squeeze(stripMarks(text.toLowerCase(Locale.ROOT)));
        var mapped = new StringBuilder(lower.length());
        boolean mixed = false;
        boolean latinInWord = false;
        boolean lookAlikeInWord = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            Character latin = CONFUSABLES.get(c);
            if (latin != null) {
                lookAlikeInWord = true;
                mapped.append(latin.charValue());
            } else {
                if (c >= 'a' && c <= 'z') {
                    latinInWord = true;
                } else if (!Character.isLetter(c)) {
                    latinInWord = false;
                    lookAlikeInWord = false;
                }
                mapped.append(c);
            }
            mixed |= latinInWord && lookAlikeInWord;
        }
        return new GuardText(plain, squeeze(letters(stripMarks(mapped.toString()))), invisible, overrides, mixed);
    }

    /** The folded form of a text already decoded from an encoding (base64, hex, rot13). */
    static String fold(String text) {
        return of(text).folded();
    }

    private static boolean isBidiOverride(char c) {
        // LRE, RLE, PDF, LRO, RLO and the isolates: "Trojan Source" reordering of what is shown
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    /** Accents dropped, so "instruções" and "instrucoes" are one word to the rules. */
    private static String stripMarks(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }

    /** Letters NFD does not split: "ø" as "o", "æ" as "ae", "ß" as "ss", "œ" as "oe", "ð" as "d". */
    private static String letters(String text) {
        if (text.chars().noneMatch(c -> c == 'ø' || c == 'æ' || c == 'ß' || c == 'œ' || c == 'ð')) {
            return text;
        }
        return text.replace("ø", "o")
                .replace("æ", "ae")
                .replace("ß", "ss")
                .replace("œ", "oe")
                .replace("ð", "d");
    }

    private static String squeeze(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
