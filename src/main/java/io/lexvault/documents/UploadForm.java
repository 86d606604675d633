package io.lexvault.documents;

import org.jspecify.annotations.Nullable;

/**
 * The form fields sent with a file. All optional: no {@code document} makes a new document, one makes
 * a new version of it; no title means the file's name.
 */
public record UploadForm(
        @Nullable DocumentId document,
        @Nullable Classification classification,
        @Nullable String title,
        @Nullable String description) {

    public static final UploadForm NONE = new UploadForm(null, null, null, null);
}
