package io.lexvault.crypto;

import io.lexvault.tenancy.TenantId;
import java.util.List;

/**
 * What an operator did to the keys, published in the transaction that did it: the audit module records
 * each one there, so a key operation never commits unaudited. Ids and counts only, never key material.
 */
public sealed interface KeyEvent {

    /** A firm's keysets have new primary keys ({@link FirmKeys#rotate()}). */
    record Rotated(TenantId firm, List<FirmKeys.Rotation> rotations) implements KeyEvent {}

    /** A firm's keysets were deleted: crypto-shredding ({@link FirmKeys#destroy()}). */
    record Destroyed(TenantId firm, int keysets) implements KeyEvent {}

    /** A firm's keysets were re-wrapped under a new root key ({@link RootKeyRotation}), in its transaction. */
    record FirmRewrapped(TenantId firm, int rootKeyId, int keysets) implements KeyEvent {}

    /** LexVault's signing keys, which belong to no firm, were re-wrapped under a new root key. */
    record SigningKeysRewrapped(int rootKeyId, int keys) implements KeyEvent {}
}
