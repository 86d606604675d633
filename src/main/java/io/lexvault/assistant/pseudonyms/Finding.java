package io.lexvault.assistant.pseudonyms;

/**
 * One identifier found in a text: characters {@code [start, end)}, its type, and the key under which
 * the session numbers it (the same key, the same placeholder: "+46 70 123 45 67" and "070-123 45 67"
 * share one because the key is the number in E.164).
 */
record Finding(int start, int end, IdentifierType type, String key) {

    int length() {
        return end - start;
    }
}
