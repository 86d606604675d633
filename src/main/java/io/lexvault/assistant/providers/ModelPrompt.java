package io.lexvault.assistant.providers;

/** What is sent to a model: the system instructions, the user's turn (question and numbered passages). */
public record ModelPrompt(String system, String user, int maxAnswerTokens) {}
