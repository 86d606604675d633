package io.lexvault.crypto;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gets the JIT to compile the document path's AES-GCM and SHA-256 (with their CPU intrinsics) right
 * after start-up, on a throwaway key, instead of during the first uploads and downloads: the JDK runs
 * that code interpreted at 30 to 80 MB/s until C2 compiles it, and with documents' 1 MB segments a
 * method is called once per megabyte, so it took 300 to 400 MB of real documents to get there
 * (docs/benchmarks.md). Here the same Tink streaming code and the same JDK cipher run on 16 KB segments,
 * dozens of calls per megabyte, so a few tens of megabytes suffice. It runs once the server is ready,
 * on a thread of its own, so start-up does not wait for it; nothing it makes is kept.
 */
@Component
class CipherWarmUp {

    private static final Logger log = LoggerFactory.getLogger(CipherWarmUp.class);

    /**
     * The documents' parameters but 16 KiB segments: many calls per megabyte, each still above the
     * size from which the JDK's GCM takes its combined AES-GCM intrinsic (about 8 KB), so the path
     * that 1 MB segments take is the one that gets compiled (4 KB segments warm another).
     */
    private static final AesGcmHkdfStreamingParameters SEGMENTS;

    static {
        try {
            SEGMENTS = AesGcmHkdfStreamingParameters.builder()
                    .setKeySizeBytes(32)
                    .setDerivedAesGcmKeySizeBytes(32)
                    .setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256)
                    .setCiphertextSegmentSizeBytes(16 * 1024)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long bytes;

    CipherWarmUp(@Value("${lexvault.documents.cipher-warm-up:32MB}") org.springframework.util.unit.DataSize bytes) {
        this.bytes = bytes.toBytes();
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        if (bytes <= 0) {
            return;
        }
        Thread.ofPlatform().daemon().name("cipher-warm-up").start(this::run);
    }

    /** Encrypts, decrypts and hashes {@code bytes} of zeros in 64 KiB messages; returns the time taken. */
    long run() {
        long start = System.nanoTime();
        try {
            StreamingAead aead =
                    KeysetHandle.generateNew(SEGMENTS).getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] message = new byte[64 * 1024];
            byte[] associatedData = new byte[16];
            var ciphertext = new ByteArrayOutputStream(message.length + 2048);
            for (long done = 0; done < bytes; done += message.length) {
                ciphertext.reset();
                try (OutputStream encrypting = aead.newEncryptingStream(ciphertext, associatedData)) {
                    encrypting.write(message);
                }
                try (var decrypting =
                        aead.newDecryptingStream(new ByteArrayInputStream(ciphertext.toByteArray()), associatedData)) {
                    decrypting.transferTo(OutputStream.nullOutputStream());
                }
                sha256.update(message);
            }
            sha256.digest();
        } catch (GeneralSecurityException | IOException e) {
            // Only speed is at stake: the real path reports its own failures.
            log.debug("The cipher warm-up stopped: {}", e.getClass().getSimpleName());
        }
        long took = System.nanoTime() - start;
        log.debug("Cipher warm-up: {} bytes in {} ms", bytes, took / 1_000_000);
        return took;
    }
}
