package io.lexvault.crypto.internal;

import io.lexvault.tenancy.TenantId;
import java.nio.charset.StandardCharsets;

/**
 * The associated data each keyset is wrapped under the root key with: it binds a wrapped keyset to
 * its row, so one moved to another firm, purpose or signing key fails to unwrap.
 */
public final class KeysetWrapping {

    private KeysetWrapping() {}

    public static byte[] firmAssociatedData(TenantId tenant, String purpose) {
        return ("lexvault-keyset|" + tenant + "|" + purpose).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] signingKeyAssociatedData(String purpose) {
        return ("lexvault-signing-key|" + purpose).getBytes(StandardCharsets.UTF_8);
    }
}
