package io.lexvault.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import io.lexvault.crypto.internal.AwsKmsRootKey;
import io.lexvault.crypto.internal.ConfiguredKeyset;
import io.lexvault.crypto.internal.KeysetFile;
import io.lexvault.crypto.internal.RootKey;
import io.lexvault.crypto.internal.RootKeysets;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Root key rotation: every keyset wrapped under the root key (each firm's, and LexVault's signing
 * keys) is wrapped again under a new root key. Firm keys, blobs and encrypted fields are not touched.
 *
 * <p>Three phases, each safe to interrupt: (1) a new AES-256-GCM key is added to the root keyset as
 * its primary, and the keyset written atomically, so every row still unwraps; (2) every row is
 * re-wrapped under the new key, each firm in a transaction of its own bound to that firm, a row
 * already under it left alone; (3) only once every row unwraps with the new key alone are the old
 * keys removed from the keyset. A root keyset holding more than one key is an interrupted rotation:
 * running again completes it under its primary key instead of adding another.
 *
 * <p>For the keyset file all three run at once. A configured keyset cannot be rewritten by LexVault:
 * {@link #prepareKeysetFile} writes the keyset of phase 1 for the operator to deploy, and {@link
 * #finishWithKeysetFile}, run with that keyset configured, does phases 2 and 3, writing the new key
 * alone to deploy. A KMS key is rotated in the KMS.
 */
@Service
public class RootKeyRotation {

    /**
     * Told what was re-wrapped, inside the transaction that re-wrapped it, so an audit event commits
     * with it (or rolls it back by throwing).
     */
    @FunctionalInterface
    public interface Rewrapped {
        /** In the firm's transaction, bound to it, when any of its keysets were re-wrapped. */
        void firm(TenantId firm, int rootKeyId, int keysets);

        /** In the transaction (bound to no firm) that re-wrapped LexVault's signing keys, when any were. */
        default void signingKeys(int rootKeyId, int keys) {}
    }

    /**
     * A completed rotation: the new root key's id, whether an interrupted one was completed, how many
     * firms and keysets were re-wrapped, and the file now holding the new key alone.
     */
    public record Outcome(int rootKeyId, boolean resumed, int firms, int keysets, int signingKeys, Path keysetFile) {}

    private final RootKey root;
    private final WrappedKeysets wrapped;
    private final TransactionTemplate transaction;

    RootKeyRotation(RootKey root, WrappedKeysets wrapped, PlatformTransactionManager transactions) {
        this.root = root;
        this.wrapped = wrapped;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * All three phases on the data directory's keyset file; completes an interrupted rotation.
     *
     * @throws IllegalStateException when the root key is not a keyset file, or when a keyset could not
     *     be re-wrapped (then the old root key is kept and nothing is lost: fix the cause and run again)
     */
    public Outcome rotate(Rewrapped audit) {
        KeysetFile file = keysetFile();
        try (var lock = file.lockForRotation()) {
            KeysetHandle keyset = read(file::read);
            boolean resumed = keyset.size() > 1;
            if (!resumed) {
                keyset = begin(file);
            }
            var outcome = rewrapEverything(keyset, resumed, file.path(), audit);
            KeysetHandle newKeyAlone = newKeyAlone(keyset);
            try {
                file.replace(newKeyAlone);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The root keyset file could not be written", e);
            }
            return outcome;
        }
    }

    /** Phase 1 on the keyset file: the new key added as primary, the old keys kept. */
    KeysetHandle begin(KeysetFile file) {
        try {
            KeysetHandle keyset = RootKeysets.withNewPrimary(file.read());
            file.replace(keyset);
            return keyset;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The root keyset file could not be rotated", e);
        }
    }

    /**
     * Phase 1 for a configured keyset: writes it with a new primary key added to {@code newKeysetFile}
     * (0600; an existing file is not overwritten), for the operator to configure on every node.
     *
     * @return the new root key's id
     */
    public int prepareKeysetFile(Path newKeysetFile) {
        KeysetHandle configured = configuredKeyset().keyset();
        if (configured.size() > 1) {
            throw new IllegalStateException("The configured root keyset holds " + configured.size()
                    + " keys: it is the keyset of a rotation begun earlier. Finish it with `lexvault keys rotate-root"
                    + " --finish --new-keyset-file <file>`.");
        }
        try {
            KeysetHandle combined = RootKeysets.withNewPrimary(configured);
            SecretFile.create(newKeysetFile, RootKeysets.json(combined));
            return combined.getPrimary().getId();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The new root keyset could not be made", e);
        }
    }

    /**
     * Phases 2 and 3 for a configured keyset that holds the new key as primary (the file of {@link
     * #prepareKeysetFile}, deployed): re-wraps every row, checks that each unwraps with the new key
     * alone, and writes that key alone to {@code newKeysetFile} (atomically, 0600) for the operator to
     * configure in its place.
     */
    public Outcome finishWithKeysetFile(Path newKeysetFile, Rewrapped audit) {
        KeysetHandle configured = configuredKeyset().keyset();
        if (configured.size() < 2) {
            throw new IllegalStateException("The configured root keyset holds one key: there is no rotation to"
                    + " finish. Begin one with `lexvault keys rotate-root --new-keyset-file <file>`, configure"
                    + " that file's keyset on every node and restart them, then finish.");
        }
        synchronized (RootKeyRotation.class) {
            var outcome = rewrapEverything(configured, true, newKeysetFile, audit);
            try {
                SecretFile.replace(newKeysetFile, RootKeysets.json(newKeyAlone(configured)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The new root keyset could not be written", e);
            }
            return outcome;
        }
    }

    private KeysetFile keysetFile() {
        return switch (root.source()) {
            case KeysetFile file -> file;
            case ConfiguredKeyset configured ->
                throw new IllegalStateException("The root keyset is configured in " + ConfiguredKeyset.PROPERTY
                        + ", which LexVault cannot rewrite. Rotate it in two steps: `lexvault keys rotate-root"
                        + " --new-keyset-file <file>` writes the keyset with a new key added; configure it on every"
                        + " node and restart them; then `lexvault keys rotate-root --finish --new-keyset-file"
                        + " <file>` re-wraps every firm's keys and writes the new key alone, to configure in its"
                        + " place.");
            case AwsKmsRootKey kms -> throw kmsRefusal(kms);
        };
    }

    private ConfiguredKeyset configuredKeyset() {
        return switch (root.source()) {
            case ConfiguredKeyset configured -> configured;
            case KeysetFile file ->
                throw new IllegalStateException("The root keyset is the file " + file.path()
                        + ", which `lexvault keys rotate-root` rewrites itself: run it without --new-keyset-file"
                        + " and --finish.");
            case AwsKmsRootKey kms -> throw kmsRefusal(kms);
        };
    }

    private static IllegalStateException kmsRefusal(AwsKmsRootKey kms) {
        return new IllegalStateException("The root key is " + kms.description()
                + ". Rotate it in AWS KMS (automatic key rotation): KMS keeps the earlier key material to"
                + " decrypt what it wrapped, so nothing stored by LexVault needs re-wrapping.");
    }

    /** Phase 2 and the check before phase 3: every row under the keyset's primary, or a refusal. */
    private Outcome rewrapEverything(KeysetHandle keyset, boolean resumed, Path keysetFile, Rewrapped audit) {
        Aead either = aead(keyset);
        Aead newKey = aead(newKeyAlone(keyset));
        int rootKeyId = keyset.getPrimary().getId();
        var problems = new ArrayList<String>();
        int firms = 0;
        int keysets = 0;
        for (TenantId firm : firms()) {
            try {
                int rewrapped = rewrapFirm(firm, either, newKey, rootKeyId, audit);
                keysets += rewrapped;
                firms += rewrapped > 0 ? 1 : 0;
            } catch (RuntimeException e) {
                problems.add("firm " + firm.value() + ": " + e.getMessage());
            }
        }
        int signingKeys = 0;
        try {
            signingKeys = inTransaction(() -> {
                int rewrapped = 0;
                for (WrappedKeysets.Wrapped key : wrapped.lockedSigningKeys()) {
                    if (rewrap(key, either, newKey, bytes -> wrapped.replaceSigningKey(key.purpose(), bytes))) {
                        rewrapped++;
                    }
                }
                if (rewrapped > 0) {
                    audit.signingKeys(rootKeyId, rewrapped);
                }
                return rewrapped;
            });
        } catch (RuntimeException e) {
            problems.add("LexVault's signing keys: " + e.getMessage());
        }
        // Checked again from the database, firms made meanwhile included, before any old key goes.
        if (problems.isEmpty()) {
            problems.addAll(notUnderNewKey(newKey));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The root key rotation is not complete, so the old root key was kept"
                    + " and every keyset still unwraps. Fix the cause and run the command again; it continues"
                    + " where it stopped.\n  " + String.join("\n  ", problems));
        }
        return new Outcome(rootKeyId, resumed, firms, keysets, signingKeys, keysetFile);
    }

    private int rewrapFirm(TenantId firm, Aead either, Aead newKey, int rootKeyId, Rewrapped audit) {
        return TenantContext.callAs(
                firm,
                null,
                () -> inTransaction(() -> {
                    int rewrapped = 0;
                    for (WrappedKeysets.Wrapped keyset : wrapped.lockedOfFirm(firm)) {
                        if (rewrap(
                                keyset,
                                either,
                                newKey,
                                bytes -> wrapped.replaceOfFirm(firm, keyset.purpose(), bytes))) {
                            rewrapped++;
                        }
                    }
                    if (rewrapped > 0) {
                        audit.firm(firm, rootKeyId, rewrapped);
                    }
                    return rewrapped;
                }));
    }

    /** Re-wraps one keyset unless it is under the new key already; true when it was re-wrapped. */
    private static boolean rewrap(WrappedKeysets.Wrapped keyset, Aead either, Aead newKey, Consumer<byte[]> store) {
        if (unwraps(keyset, newKey)) {
            return false;
        }
        try {
            var handle = TinkProtoKeysetFormat.parseEncryptedKeyset(keyset.bytes(), either, keyset.associatedData());
            store.accept(TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, newKey, keyset.associatedData()));
            return true;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "the " + keyset.purpose() + " keyset unwraps neither with the old nor with the new root key", e);
        }
    }

    private List<String> notUnderNewKey(Aead newKey) {
        var problems = new ArrayList<String>();
        for (TenantId firm : firms()) {
            List<WrappedKeysets.Wrapped> keysets =
                    TenantContext.callAs(firm, null, () -> inTransaction(() -> wrapped.lockedOfFirm(firm)));
            for (WrappedKeysets.Wrapped keyset : keysets) {
                if (!unwraps(keyset, newKey)) {
                    problems.add("firm " + firm.value() + ": the " + keyset.purpose()
                            + " keyset is not under the new root key (wrapped by a node that still uses the old"
                            + " one?)");
                }
            }
        }
        for (WrappedKeysets.Wrapped key : inTransaction(wrapped::lockedSigningKeys)) {
            if (!unwraps(key, newKey)) {
                problems.add("LexVault's " + key.purpose() + " signing key is not under the new root key");
            }
        }
        return problems;
    }

    private static boolean unwraps(WrappedKeysets.Wrapped keyset, Aead aead) {
        try {
            TinkProtoKeysetFormat.parseEncryptedKeyset(keyset.bytes(), aead, keyset.associatedData());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private List<TenantId> firms() {
        return inTransaction(wrapped::firms);
    }

    private <T> T inTransaction(Supplier<T> work) {
        return Objects.requireNonNull(transaction.execute(status -> work.get()));
    }

    private static KeysetHandle newKeyAlone(KeysetHandle keyset) {
        try {
            return RootKeysets.primaryOnly(keyset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Aead aead(KeysetHandle keyset) {
        try {
            return RootKeysets.aead(keyset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Read {
        KeysetHandle get() throws GeneralSecurityException;
    }

    private static KeysetHandle read(Read read) {
        try {
            return read.get();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The root keyset file cannot be read", e);
        }
    }
}
