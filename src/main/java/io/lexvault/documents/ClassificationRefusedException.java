package io.lexvault.documents;

import io.lexvault.web.Refusal;

/**
 * A new version asked for a classification other than the document's, and the caller lacks {@code
 * documents.classify} (403): uploading a version must not be a way round the permission to relabel.
 */
public class ClassificationRefusedException extends Refusal {

    public ClassificationRefusedException() {
        super(
                Reason.FORBIDDEN,
                "Changing a document's classification needs the permission documents.classify; upload the new"
                        + " version without a classification, or ask someone who may classify documents.");
    }
}
