package io.lexvault.storage;

/** No blob is stored under the key asked for. */
public class NoSuchBlobException extends ObjectStoreException {

    private final BlobKey key;

    public NoSuchBlobException(BlobKey key) {
        super("No blob is stored under " + key, null);
        this.key = key;
    }

    public BlobKey key() {
        return key;
    }
}
