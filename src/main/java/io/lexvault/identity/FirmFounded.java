package io.lexvault.identity;

import java.util.UUID;

/**
 * A firm was created ({@link FirmRegistration}); {@code founder} becomes its administrator, in the
 * transaction that made the account, so the firm never has an administrator without the role.
 */
public record FirmFounded(UUID tenant, UUID founder, FirmRegistration.Origin origin) {}
