package io.lexvault.matters;

import java.time.Instant;

public record Client(ClientId id, String name, Instant createdAt) {}
