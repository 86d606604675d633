package io.lexvault.assistant.pseudonyms;

import java.util.Map;

/**
 * One request's pseudonymised text and the table that reverses it: placeholders such as
 * {@code [PERSON_1]} or {@code [IBAN_1]}, stable within the request (the same value gets the same
 * placeholder in the question and every passage pseudonymised with the same {@link Session}).
 */
public record Pseudonymisation(String text, Map<String, String> originals) {

    public Pseudonymisation {
        originals = Map.copyOf(originals);
    }
}
