package io.lexvault.assistant.providers;

/** A model's whole answer and what it cost, as the provider reported it. */
public record ModelAnswer(String text, String provider, String model, int promptTokens, int answerTokens) {}
