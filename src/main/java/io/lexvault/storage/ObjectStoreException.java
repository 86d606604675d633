package io.lexvault.storage;

import org.jspecify.annotations.Nullable;

/**
 * A write or read that did not happen. The message says why in a few words (a status code, "connection
 * refused") and is safe to log: it never holds credentials or the object's content.
 */
public class ObjectStoreException extends RuntimeException {

    public ObjectStoreException(String reason, @Nullable Throwable cause) {
        super(reason, cause);
    }
}
