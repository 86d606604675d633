package io.lexvault.identity;

import java.util.UUID;

/** A firm was created through self-service sign-up; {@code founder} becomes its administrator. */
public record FirmSignedUp(UUID tenant, UUID founder) {}
