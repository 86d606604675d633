package io.lexvault.identity;

import java.time.Instant;

/** A firm's OpenID Connect provider, as administrators see it: never the client secret. */
public record SsoConfiguration(String issuer, String clientId, Instant updatedAt) {}
