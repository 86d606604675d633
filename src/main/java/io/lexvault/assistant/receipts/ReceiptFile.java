package io.lexvault.assistant.receipts;

import java.util.Base64;

/**
 * A receipt as a file (docs/assistant-receipts.md): the canonical JSON and the signature, each in
 * base64 so that the signed bytes survive any JSON tool untouched, the id of the key that signed, and,
 * for convenience, that key itself in the verifier-key format the audit log publishes. The key in the
 * file proves nothing about who signed: a verifier checks against the firm's key obtained elsewhere.
 *
 * @param format always {@value ReceiptFormat#FORMAT}
 * @param keyId the signing key's id: "name+hex(key hash)"
 * @param publicKey the signing key, as {@code /.well-known/lexvault-audit-keys} publishes it
 * @param receipt base64 of the canonical JSON (UTF-8), exactly the bytes signed
 * @param signature base64 of the 64-byte Ed25519 signature
 */
public record ReceiptFile(String format, String keyId, String publicKey, String receipt, String signature) {

    public static ReceiptFile of(SignedReceipt signed, String verifierKey) {
        return new ReceiptFile(
                ReceiptFormat.FORMAT,
                signed.keyId(),
                verifierKey,
                Base64.getEncoder().encodeToString(signed.canonicalJson()),
                Base64.getEncoder().encodeToString(signed.signature()));
    }
}
