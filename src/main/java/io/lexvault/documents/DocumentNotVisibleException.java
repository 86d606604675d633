package io.lexvault.documents;

import io.lexvault.web.Refusal;

/**
 * The document (or version) does not exist for the caller: none, another firm's, or of a matter behind
 * a wall or outside their teams. One exception for all of these, answered 404, so none can be told
 * apart.
 */
public class DocumentNotVisibleException extends Refusal {

    public DocumentNotVisibleException() {
        // Answered with the fixed sentence for the status: nothing tells this apart from others.
        super(Reason.NOT_FOUND, "Not found", null);
    }
}
