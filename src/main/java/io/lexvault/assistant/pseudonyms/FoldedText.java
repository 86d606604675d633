package io.lexvault.assistant.pseudonyms;

import java.text.Normalizer;

/**
 * A text folded for comparing names: lower case, diacritics removed (ß → ss, ø → o, æ → ae, ł → l),
 * then ä/ae, ö/oe, ü/ue made one ("Müller", "Muller" and "Mueller" all fold to "muller"), with the
 * original position of every folded character so that a match can be cut out of the original.
 */
final class FoldedText {

    private static final String[] SMALL = new String[0x250];

    static {
        for (char c = 0; c < SMALL.length; c++) {
            SMALL[c] = foldSlow(c);
        }
    }

    final String text;
    private final int[] starts;
    private final int[] ends;

    private FoldedText(String text, int[] starts, int[] ends) {
        this.text = text;
        this.starts = starts;
        this.ends = ends;
    }

    static FoldedText of(String original) {
        var out = new StringBuilder(original.length());
        int[] starts = new int[original.length() * 2 + 1];
        int[] ends = new int[original.length() * 2 + 1];
        for (int i = 0; i < original.length(); i++) {
            char c = original.charAt(i);
            String f = c < SMALL.length ? SMALL[c] : c == '’' ? "'" : String.valueOf(Character.toLowerCase(c));
            for (int k = 0; k < f.length(); k++) {
                char fc = f.charAt(k);
                int n = out.length();
                // "ae", "oe", "ue" → "a", "o", "u": the German spelling of ä, ö, ü without the letters
                if (fc == 'e'
                        && n > 0
                        && isCollapsible(out.charAt(n - 1))
                        && (n < 2 || !isCollapsible(out.charAt(n - 2)))) {
                    ends[n - 1] = i + 1;
                    continue;
                }
                out.append(fc);
                starts[n] = i;
                ends[n] = i + 1;
            }
        }
        return new FoldedText(out.toString(), starts, ends);
    }

    /** The folded form of a name or suffix, as {@link #of} folds the text. */
    static String fold(String s) {
        return of(s).text;
    }

    private static boolean isCollapsible(char c) {
        return c == 'a' || c == 'o' || c == 'u';
    }

    /** Where folded characters {@code [from, to)} came from in the original. */
    int originalStart(int from) {
        return starts[from];
    }

    int originalEnd(int to) {
        return ends[to - 1];
    }

    private static String foldSlow(char c) {
        switch (c) {
            case 'ß':
                return "ss";
            case 'ø':
            case 'Ø':
                return "o";
            case 'æ':
            case 'Æ':
                return "ae";
            case 'œ':
            case 'Œ':
                return "oe";
            case 'ł':
            case 'Ł':
                return "l";
            case 'đ':
            case 'Đ':
                return "d";
            case 'þ':
            case 'Þ':
                return "th";
            default:
        }
        String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
        var sb = new StringBuilder();
        for (int i = 0; i < decomposed.length(); i++) {
            char d = decomposed.charAt(i);
            if (Character.getType(d) != Character.NON_SPACING_MARK) {
                sb.append(Character.toLowerCase(d));
            }
        }
        return sb.isEmpty() ? String.valueOf(c) : sb.toString();
    }
}
