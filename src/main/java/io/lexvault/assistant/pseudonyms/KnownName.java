package io.lexvault.assistant.pseudonyms;

/**
 * A name the database knows for the matter (client, party, person on the team), with its kind
 * ("client", "party", "person") so that the placeholder says what it stands for.
 */
public record KnownName(String name, String kind) {}
