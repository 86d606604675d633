package io.lexvault.documents;

/**
 * The document (or version) does not exist for the caller: none, another firm's, or of a matter behind
 * a wall or outside their teams. One exception for all of these, answered 404, so none can be told
 * apart.
 */
public class DocumentNotVisibleException extends RuntimeException {

    public DocumentNotVisibleException() {
        super("Not found");
    }
}
