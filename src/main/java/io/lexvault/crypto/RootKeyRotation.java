package io.lexvault.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import io.lexvault.crypto.internal.AwsKmsRootKey;
import io.lexvault.crypto.internal.ConfiguredKeyset;
import io.lexvault.crypto.internal.KeysetFile;
import io.lexvault.crypto.internal.RootKey;
import io.lexvault.crypto.internal.RootKeyWrapBarrier;
import io.lexvault.crypto.internal.RootKeysets;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
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
 * <p>The check before phase 3 and the file's replacement run under {@link RootKeyWrapBarrier}
 * exclusive, which every server takes shared while it wraps a keyset and until it commits: so a
 * server that wrapped a firm's first keyset under the old key, having read the file before phase 1,
 * commits before the check (which then finds it, and it is re-wrapped), never after it. Before phase
 * 3 the old keys are written to a retired keyset file beside the keyset file, for restoring database
 * backups taken before the rotation.
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
     * with it (or rolls it back by throwing). The public methods publish a {@link KeyEvent} from here;
     * tests observe through it directly.
     */
    @FunctionalInterface
    interface Rewrapped {
        /** In the firm's transaction, bound to it, when any of its keysets were re-wrapped. */
        void firm(TenantId firm, int rootKeyId, int keysets);

        /** In the transaction (bound to no firm) that re-wrapped LexVault's signing keys, when any were. */
        default void signingKeys(int rootKeyId, int keys) {}
    }

    /**
     * A completed rotation: the new root key's id, whether an interrupted one was completed, how many
     * firms and keysets were re-wrapped, and the file now holding the new key alone.
     */
    public record Outcome(
            int rootKeyId,
            boolean resumed,
            int firms,
            int keysets,
            int signingKeys,
            Path keysetFile,
            @Nullable Path retiredKeysetFile) {}

    /**
     * How often the re-wrap and the locked check are tried before giving up: a wrap under the old key
     * can only have begun before phase 1, so the second check finds none left (the first waited for
     * them all to commit); the third is slack.
     */
    private static final int PASSES = 3;

    private final RootKey root;
    private final WrappedKeysets wrapped;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    RootKeyRotation(
            RootKey root,
            WrappedKeysets wrapped,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            ApplicationEventPublisher events) {
        this.root = root;
        this.wrapped = wrapped;
        this.dataSource = dataSource;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
    }

    /** Each re-wrap as a {@link KeyEvent}, in the transaction that did it: the audit module records it there. */
    private Rewrapped published() {
        return new Rewrapped() {
            @Override
            public void firm(TenantId firm, int rootKeyId, int keysets) {
                events.publishEvent(new KeyEvent.FirmRewrapped(firm, rootKeyId, keysets));
            }

            @Override
            public void signingKeys(int rootKeyId, int keys) {
                events.publishEvent(new KeyEvent.SigningKeysRewrapped(rootKeyId, keys));
            }
        };
    }

    /**
     * All three phases on the data directory's keyset file; completes an interrupted rotation.
     *
     * @throws IllegalStateException when the root key is not a keyset file, or when a keyset could not
     *     be re-wrapped (then the old root key is kept and nothing is lost: fix the cause and run again)
     */
    public Outcome rotate() {
        return rotate(published());
    }

    Outcome rotate(Rewrapped audit) {
        KeysetFile file = keysetFile();
        try (var lock = file.lockForRotation()) {
            KeysetHandle keyset = read(file::read);
            boolean resumed = keyset.size() > 1;
            if (!resumed) {
                keyset = begin(file);
            }
            KeysetHandle newKeyAlone = newKeyAlone(keyset);
            KeysetHandle oldKeys = oldKeys(keyset);
            return rewrapEverything(keyset, resumed, file.path(), audit, () -> {
                // Phase 3. The old keys are kept in a file of their own first: database backups from
                // before the rotation are wrapped under them (docs/security.md §7).
                try {
                    Path retired = file.retire(oldKeys, Instant.now());
                    file.replace(newKeyAlone);
                    return retired;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("The root keyset file could not be written", e);
                }
            });
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
    public Outcome finishWithKeysetFile(Path newKeysetFile) {
        return finishWithKeysetFile(newKeysetFile, published());
    }

    Outcome finishWithKeysetFile(Path newKeysetFile, Rewrapped audit) {
        KeysetHandle configured = configuredKeyset().keyset();
        if (configured.size() < 2) {
            throw new IllegalStateException("The configured root keyset holds one key: there is no rotation to"
                    + " finish. Begin one with `lexvault keys rotate-root --new-keyset-file <file>`, configure"
                    + " that file's keyset on every node and restart them, then finish.");
        }
        synchronized (RootKeyRotation.class) {
            // The operator keeps the combined keyset (old key included) they configured: nothing to retire.
            return rewrapEverything(configured, true, newKeysetFile, audit, () -> {
                try {
                    SecretFile.replace(newKeysetFile, RootKeysets.json(newKeyAlone(configured)));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("The new root keyset could not be written", e);
                }
                return null;
            });
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

    /** Phase 3: removes the old keys, returning the file they were retired to if any. */
    private interface RemoveOldKeys {
        @Nullable
        Path run();
    }

    /**
     * Phase 2, then the check before phase 3 and phase 3 itself under the barrier held exclusive:
     * every row under the keyset's primary and the old keys removed, or a refusal with nothing
     * removed. A row the check finds under an old key (wrapped by a server that read the file before
     * phase 1 and committed after its firm was re-wrapped) is re-wrapped by another pass.
     */
    private Outcome rewrapEverything(
            KeysetHandle keyset, boolean resumed, Path keysetFile, Rewrapped audit, RemoveOldKeys removeOldKeys) {
        Aead either = aead(keyset);
        Aead newKey = aead(newKeyAlone(keyset));
        int rootKeyId = keyset.getPrimary().getId();
        var firms = new HashSet<TenantId>();
        int keysets = 0;
        int signingKeys = 0;
        List<String> problems = List.of();
        for (int pass = 1; pass <= PASSES; pass++) {
            var rewrapped = rewrapPass(either, newKey, rootKeyId, audit);
            firms.addAll(rewrapped.firms());
            keysets += rewrapped.keysets();
            signingKeys += rewrapped.signingKeys();
            problems = rewrapped.problems();
            if (!problems.isEmpty()) {
                break;
            }
            // Waits for every wrap in flight to commit, and holds off new ones until the file holds the
            // new key alone, so no row wrapped under an old key can appear after this check.
            try (var barrier = RootKeyWrapBarrier.exclusive(dataSource)) {
                // Checked again from the database, firms made meanwhile included, before any old key goes.
                problems = notUnderNewKey(newKey);
                if (problems.isEmpty()) {
                    Path retired = removeOldKeys.run();
                    return new Outcome(rootKeyId, resumed, firms.size(), keysets, signingKeys, keysetFile, retired);
                }
            }
        }
        throw new IllegalStateException("The root key rotation is not complete, so the old root key was kept"
                + " and every keyset still unwraps. Fix the cause and run the command again; it continues"
                + " where it stopped.\n  " + String.join("\n  ", problems));
    }

    private record Pass(Set<TenantId> firms, int keysets, int signingKeys, List<String> problems) {}

    /** Phase 2: every row not under the new key re-wrapped, each firm in a transaction bound to it. */
    private Pass rewrapPass(Aead either, Aead newKey, int rootKeyId, Rewrapped audit) {
        var problems = new ArrayList<String>();
        var firms = new HashSet<TenantId>();
        int keysets = 0;
        for (TenantId firm : firms()) {
            try {
                int rewrapped = rewrapFirm(firm, either, newKey, rootKeyId, audit);
                keysets += rewrapped;
                if (rewrapped > 0) {
                    firms.add(firm);
                }
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
        return new Pass(firms, keysets, signingKeys, problems);
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

    /**
     * What is not under the new key, read while the barrier is held (so without row locks: a wrap in
     * flight has committed, and no new one can begin), each firm in a transaction bound to it.
     */
    private List<String> notUnderNewKey(Aead newKey) {
        var problems = new ArrayList<String>();
        for (TenantId firm : firms()) {
            List<WrappedKeysets.Wrapped> keysets =
                    TenantContext.callAs(firm, null, () -> inTransaction(() -> wrapped.ofFirm(firm)));
            for (WrappedKeysets.Wrapped keyset : keysets) {
                if (!unwraps(keyset, newKey)) {
                    problems.add("firm " + firm.value() + ": the " + keyset.purpose()
                            + " keyset is not under the new root key (wrapped by a node that still uses the old"
                            + " one?)");
                }
            }
        }
        for (WrappedKeysets.Wrapped key : inTransaction(wrapped::signingKeys)) {
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

    /** The keyset's keys but its primary: what phase 3 removes. */
    private static KeysetHandle oldKeys(KeysetHandle keyset) {
        try {
            return RootKeysets.withoutPrimary(keyset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
