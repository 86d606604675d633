package io.lexvault.identity;

/** A new key and its secret, which is shown to the caller once and stored nowhere. */
public record CreatedApiKey(ApiKey key, String secret) {

    @Override
    public String toString() {
        return "CreatedApiKey[" + key.id() + "]";
    }
}
