package io.lexvault.assistant.providers;

/**
 * The provider could not answer (timeout, refused, 5xx, circuit open); the message is for the user and
 * names the provider, never the prompt.
 */
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProviderUnavailableException(String message) {
        super(message);
    }
}
