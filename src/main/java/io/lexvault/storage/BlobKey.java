package io.lexvault.storage;

import java.util.regex.Pattern;

/**
 * The name of one blob: segments of {@code a-z 0-9 - _ .} joined by {@code /}, such as {@code
 * <firm id>/<document id>.bin}. Keys become file paths and S3 keys, so the alphabet is closed: no
 * {@code ..} or {@code .} segment, no leading, trailing or doubled {@code /}, no backslash, no
 * upper case (which would collide on case-insensitive file systems) — a key cannot name anything
 * outside its store (path traversal).
 */
public record BlobKey(String value) {

    /** Longest key: S3's limit, leaving room for a configured prefix. */
    public static final int MAX_LENGTH = 512;

    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9_.-]{1,255}");

    public BlobKey {
        requireValid(value, false);
    }

    public static BlobKey of(String value) {
        return new BlobKey(value);
    }

    /** Whether {@code value} is a valid key (used to skip foreign names when listing). */
    public static boolean isValid(String value) {
        try {
            requireValid(value, false);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Checks a listing prefix: empty, or the start of a key ({@code firm-1/} or {@code firm-1/doc}).
     *
     * @return the prefix
     * @throws IllegalArgumentException when no valid key could start with it
     */
    public static String requirePrefix(String prefix) {
        if (!prefix.isEmpty()) {
            requireValid(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix, true);
        }
        return prefix;
    }

    /** True when the key starts with {@code prefix} (plain string prefix, as S3 lists). */
    public boolean startsWith(String prefix) {
        return value.startsWith(prefix);
    }

    private static void requireValid(String value, boolean prefix) {
        // The message never repeats the refused value: it may come from a request and end up in a log.
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("A blob key has 1 to " + MAX_LENGTH + " characters");
        }
        if (value.startsWith("/") || value.endsWith("/")) {
            throw new IllegalArgumentException("A blob key neither starts nor ends with /");
        }
        for (String segment : value.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException(
                        "A blob key is made of segments of a-z, 0-9, '-', '_' and '.' separated by single slashes");
            }
            // "." and ".." walk the directory tree. A prefix's last segment may be "." or ".." only as
            // the start of a longer name, so it is refused too: no key it could match is valid anyway.
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("A blob key has no '.' or '..' segment");
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
