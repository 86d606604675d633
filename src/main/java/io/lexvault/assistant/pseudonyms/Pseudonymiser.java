package io.lexvault.assistant.pseudonyms;

import java.util.Collection;
import java.util.Map;

/**
 * Replaces identifiers (known names with inflected and possessive forms, e-mail addresses, phone
 * numbers, IBANs, payment cards, national identifiers, dates of birth near a name, street addresses)
 * by placeholders before a text leaves for an external provider, and puts them back in what the user
 * sees.
 */
public interface Pseudonymiser {

    /** A request's scope: the same value gets the same placeholder across every text it pseudonymises. */
    Session session(Collection<KnownName> names);

    interface Session {

        /** The text with every identifier replaced; adds to this session's table. */
        Pseudonymisation pseudonymise(String text);

        /** The model's text with this session's placeholders replaced by the originals. */
        String restore(String text);

        /** Placeholder → original, everything replaced so far in this session. */
        Map<String, String> originals();
    }
}
