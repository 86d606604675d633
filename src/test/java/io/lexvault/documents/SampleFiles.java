package io.lexvault.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Small files of each kind the upload tests need, made here rather than kept as binaries. */
public final class SampleFiles {

    /** Text that must never appear in a stored blob: it is in every sample's plaintext. */
    public static final String MARKER = "PRIVILEGED-MARKER-7f3a9c-attorney-client";

    private SampleFiles() {}

    public static byte[] pdf() {
        return ("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% " + MARKER
                        + "\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] text() {
        return ("Notes of the meeting.\n" + MARKER + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A plain-text body of {@code size} bytes, the marker at its start and end. */
    public static byte[] largeText(int size) {
        byte[] bytes = new byte[size];
        byte[] line = ("Line of a long memorandum " + MARKER + "\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            bytes[i] = line[i % line.length];
        }
        return bytes;
    }

    public static byte[] png() {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        out.writeBytes(new byte[] {0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0});
        out.writeBytes(MARKER.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The start of a Windows executable: "MZ", a DOS stub and a PE header. */
    public static byte[] executable() {
        byte[] bytes = new byte[512];
        bytes[0] = 'M';
        bytes[1] = 'Z';
        bytes[0x3c] = (byte) 0x80;
        bytes[0x80] = 'P';
        bytes[0x81] = 'E';
        byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, bytes, 0x4e, stub.length);
        return bytes;
    }

    public static byte[] html() {
        return ("<!DOCTYPE html>\n<html><head><title>x</title></head><body><script>alert(1)</script>" + MARKER
                        + "</body></html>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] svg() {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\""
                        + " height=\"10\"><script>alert(1)</script><text>" + MARKER + "</text></svg>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] docx() {
        try (var document = new XWPFDocument();
                var out = new ByteArrayOutputStream()) {
            document.createParagraph().createRun().setText(MARKER);
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OLE2 compound file with a WordDocument stream, as a .doc has. */
    public static byte[] doc() {
        try (var fs = new POIFSFileSystem();
                var out = new ByteArrayOutputStream()) {
            fs.createDocument(
                    new java.io.ByteArrayInputStream(MARKER.getBytes(StandardCharsets.US_ASCII)), "WordDocument");
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
