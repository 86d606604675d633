package io.lexvault.documents;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A file name as LexVault keeps and offers it: the last path segment of what the client sent, NFC
 * normalised, without control, formatting (e.g. right-to-left override, which disguises {@code
 * exe.pdf} as {@code fdp.exe}) or reserved characters ({@code < > : " / \ | ? *}), no leading or
 * trailing dots and spaces, no Windows device name, at most {@link #MAX_LENGTH} characters with the
 * extension kept.
 *
 * @param base the name without its extension, never empty
 * @param extension lower-case letters and digits without the dot, or null when there is none
 */
record FileName(String base, @Nullable String extension) {

    public static final int MAX_LENGTH = 200;

    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9]{1,10}");
    private static final String RESERVED = "<>:\"/\\|?*";
    private static final Set<String> DEVICES = Set.of(
            "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1",
            "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    /** Sanitises a client's file name; a name with nothing left is {@code document}. */
    public static FileName sanitise(@Nullable String sent) {
        String name = sent == null ? "" : sent;
        // Browsers send the bare name, old ones a whole path: keep the last segment of either kind.
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFC);
        var kept = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (Character.isISOControl(c)
                    || type == Character.FORMAT
                    || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE
                    || type == Character.UNASSIGNED
                    || RESERVED.indexOf(c) >= 0) {
                return;
            }
            kept.appendCodePoint(Character.isWhitespace(c) ? ' ' : c);
        });
        name = kept.toString().replaceAll(" {2,}", " ");
        name = strip(name);
        String extension = null;
        int dot = name.lastIndexOf('.');
        if (dot > 0 && EXTENSION.matcher(name.substring(dot + 1)).matches()) {
            extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
            name = strip(name.substring(0, dot));
        }
        if (name.isEmpty()) {
            name = "document";
        }
        String device = name.toLowerCase(Locale.ROOT);
        int firstDot = device.indexOf('.');
        if (DEVICES.contains(firstDot < 0 ? device : device.substring(0, firstDot))) {
            name = "_" + name;
        }
        int room = MAX_LENGTH - (extension == null ? 0 : extension.length() + 1);
        if (name.codePointCount(0, name.length()) > room) {
            name = strip(name.substring(0, name.offsetByCodePoints(0, room)));
        }
        return new FileName(name, extension);
    }

    /** The same base with another extension (the one matching the detected type). */
    public FileName withExtension(String newExtension) {
        return sanitise(base + "." + newExtension);
    }

    public String value() {
        return extension == null ? base : base + "." + extension;
    }

    private static String strip(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && (name.charAt(start) == '.' || name.charAt(start) == ' ')) {
            start++;
        }
        while (end > start && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
            end--;
        }
        return name.substring(start, end);
    }

    @Override
    public String toString() {
        return value();
    }
}
