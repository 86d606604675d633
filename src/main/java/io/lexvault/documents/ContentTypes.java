package io.lexvault.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;
import org.springframework.stereotype.Component;

/**
 * Decides what an upload is from its first bytes (Apache Tika: magic numbers, and the zip and OLE2
 * container detectors for Office and OpenDocument files), and whether LexVault takes it.
 *
 * <p>Only the first {@link #PEEK} bytes are looked at, from a byte array: the detectors never see the
 * request stream, so none of them can read it to its end, buffer it whole or spool it to a temporary
 * file (Tika's TikaInputStream would, in plaintext). A zip container (docx, xlsx, pptx, odt...) is
 * therefore judged by the entries in its first megabyte, where the files that name its type
 * ({@code [Content_Types].xml}, {@code mimetype}) are put by every office suite.
 *
 * <p>The rule: the type found in the bytes alone must be known (not just "some bytes"); the name may
 * only refine it to a subtype (zip to docx, plain text to CSV, OLE2 to Word), never replace it; the
 * result must be on the allow-list; and a known extension on the name must agree with it (a PNG or an
 * executable named {@code .pdf} is refused).
 */
@Component
class ContentTypes {

    /** How much of an upload is held in memory for detection. */
    static final int PEEK = 1024 * 1024;

    /** What LexVault stores: documents and pictures, never markup or code a browser could run. */
    static final Set<MediaType> ALLOWED = Set.of(
            MediaType.application("pdf"),
            MediaType.application("msword"),
            MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.document"),
            MediaType.application("vnd.ms-excel"),
            MediaType.application("vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            MediaType.application("vnd.ms-powerpoint"),
            MediaType.application("vnd.openxmlformats-officedocument.presentationml.presentation"),
            MediaType.application("vnd.oasis.opendocument.text"),
            MediaType.application("vnd.oasis.opendocument.spreadsheet"),
            MediaType.application("vnd.oasis.opendocument.presentation"),
            MediaType.text("plain"),
            MediaType.text("csv"),
            MediaType.application("rtf"),
            MediaType.parse("message/rfc822"),
            MediaType.application("vnd.ms-outlook"),
            MediaType.image("png"),
            MediaType.image("jpeg"),
            MediaType.image("gif"),
            MediaType.image("tiff"),
            MediaType.image("webp"));

    /**
     * Containers whose subtype the zip container detectors read from the entries; found as such, the
     * bytes named no subtype, and the name may not supply one. OLE2 ({@code application/x-tika-msoffice})
     * is not among them: when its directory lies beyond the bytes looked at, POIFS cannot tell Word from
     * Excel or Outlook, and the name still refines it (to doc, xls, ppt or msg, whose contents are inert
     * to a browser and go out as attachments with nosniff).
     */
    private static final Set<MediaType> ZIP_CONTAINERS =
            Set.of(MediaType.APPLICATION_ZIP, MediaType.application("x-tika-ooxml"));

    /** An accepted upload: its type and the name to keep, with an extension matching the type. */
    record Verdict(MediaType type, FileName name) {}

    private final MimeTypes types = MimeTypes.getDefaultMimeTypes();
    private final MediaTypeRegistry registry = types.getMediaTypeRegistry();
    private final Detector detector = new DefaultDetector(types);

    /**
     * Judges an upload by its first bytes and its sanitised name.
     *
     * @throws UploadRefusedException (415) when the type is not allowed or contradicts the name
     */
    Verdict judge(byte[] prefix, FileName name) {
        MediaType byBytes = detect(prefix, null);
        if (byBytes.equals(MediaType.OCTET_STREAM)) {
            throw refused("The file's content is of no type LexVault accepts (PDF, Office and OpenDocument files,"
                    + " text, CSV, RTF, e-mails and images).");
        }
        MediaType type = registry.normalize(detect(prefix, name.value()));
        if (ZIP_CONTAINERS.contains(registry.normalize(byBytes))) {
            // A zip's subtype must come from its entries: any zip named .docx is no Word document.
            type = byBytes;
        } else if (!type.equals(byBytes) && !registry.isSpecializationOf(type, byBytes)) {
            type = byBytes; // the name never overrules the content
        }
        type = registry.normalize(type);
        if (!ALLOWED.contains(type)) {
            throw refused("Files of type " + type + " are not accepted: LexVault takes PDF, Office and OpenDocument"
                    + " files, text, CSV, RTF, e-mails and images (not HTML, SVG, scripts or programs).");
        }
        if (name.extension() == null) {
            return new Verdict(type, name.withExtension(extensionOf(type)));
        }
        MediaType byName = registry.normalize(detect(null, name.value()));
        if (byName.equals(MediaType.OCTET_STREAM)) {
            // An extension nobody knows says nothing about the content; the right one is added.
            return new Verdict(type, FileName.sanitise(name.value() + "." + extensionOf(type)));
        }
        if (!byName.equals(type)
                && !registry.isSpecializationOf(byName, type)
                && !registry.isSpecializationOf(type, byName)) {
            throw refused("The file's content (" + type + ") does not match its name's extension (." + name.extension()
                    + "). Rename it or upload the file it claims to be.");
        }
        return new Verdict(type, name);
    }

    /** Whether downloads may name this type; anything else goes out as application/octet-stream. */
    static boolean allowed(String mediaType) {
        return ALLOWED.contains(MediaType.parse(mediaType));
    }

    private MediaType detect(
            byte @org.jspecify.annotations.Nullable [] prefix, @org.jspecify.annotations.Nullable String name) {
        var metadata = new Metadata();
        if (name != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        }
        try (var input = prefix == null ? null : new ByteArrayInputStream(prefix)) {
            return detector.detect(input, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
    }

    private String extensionOf(MediaType type) {
        try {
            String extension = types.forName(type.toString()).getExtension();
            return extension.isEmpty() ? "bin" : extension.substring(1);
        } catch (MimeTypeException e) {
            return "bin";
        }
    }

    private static UploadRefusedException refused(String message) {
        return new UploadRefusedException(UploadRefusedException.Reason.TYPE_REFUSED, message);
    }
}
