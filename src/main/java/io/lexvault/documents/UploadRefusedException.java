package io.lexvault.documents;

import io.lexvault.web.Refusal;

/**
 * An upload (or a document request) LexVault refuses, with a sentence of our own for the caller: it
 * never quotes the file's content or the name they sent. Nothing of a refused upload is kept.
 */
public class UploadRefusedException extends Refusal {

    public enum Reason {
        /** Malformed request or field (400). */
        MALFORMED,
        /** Larger than {@code lexvault.documents.max-size} (413). */
        TOO_LARGE,
        /** A type outside the allow-list, or content that contradicts the name's extension (415). */
        TYPE_REFUSED,
        /** Another version of the same document was stored at the same time (409). */
        CONFLICT
    }

    private final Reason reason;

    public UploadRefusedException(Reason reason, String message) {
        super(
                switch (reason) {
                    case MALFORMED -> Refusal.Reason.INVALID;
                    case TOO_LARGE -> Refusal.Reason.TOO_LARGE;
                    case TYPE_REFUSED -> Refusal.Reason.UNSUPPORTED;
                    case CONFLICT -> Refusal.Reason.CONFLICT;
                },
                message);
        this.reason = reason;
    }

    public static UploadRefusedException malformed(String message) {
        return new UploadRefusedException(Reason.MALFORMED, message);
    }

    public Reason reason() {
        return reason;
    }
}
