package io.lexvault.assistant.pseudonyms;

/**
 * What a placeholder stands for; its name is the placeholder's prefix ({@code [EMAIL_1]}). Known names
 * take the kind the database gave them (client, party, person).
 */
enum IdentifierType {
    PERSON,
    CLIENT,
    PARTY,
    EMAIL,
    PHONE,
    IBAN,
    CARD,
    NATIONAL_ID,
    DATE_OF_BIRTH,
    ADDRESS;

    /** The type for a {@link KnownName#kind()}: anything that is not a client or party is a person. */
    static IdentifierType ofNameKind(String kind) {
        return switch (kind.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "client" -> CLIENT;
            case "party" -> PARTY;
            default -> PERSON;
        };
    }
}
