package io.lexvault.tenancy;

import io.lexvault.text.HumanText;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers firms and reads them. */
@Service
public class Tenants {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");

    private final TenantRepository repository;

    Tenants(TenantRepository repository) {
        this.repository = repository;
    }

    /**
     * Creates a firm. Works without a bound tenant: this is one of the named paths in
     * docs/security.md, and it goes through a database function that can do nothing else.
     *
     * @throws IllegalArgumentException when the name or slug is malformed
     * @throws TenantSlugTakenException when the slug is taken
     */
    @Transactional
    public TenantId register(String name, String slug) {
        String cleanName = checkedName(name);
        String cleanSlug = slug.strip().toLowerCase(Locale.ROOT);
        if (!SLUG.matcher(cleanSlug).matches()) {
            throw new IllegalArgumentException(
                    "A firm address has 1 to 40 lowercase letters, digits and inner hyphens, e.g. 'smith-partners'");
        }
        try {
            return repository.register(cleanName, cleanSlug);
        } catch (DuplicateKeyException e) {
            throw new TenantSlugTakenException(cleanSlug);
        }
    }

    /**
     * A firm's name as stored: one line of at most 200 characters, as {@link HumanText#line} checks it.
     *
     * @throws io.lexvault.text.InvalidTextException when it is refused
     */
    public static String checkedName(String name) {
        return HumanText.line("A firm name", name, 200);
    }

    /** "Smith & Partners LLP" -> "smith-partners-llp". */
    public static String slugFor(String name) {
        String slug = Normalizer.normalize(name, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        return slug;
    }

    /** Resolves a firm by its slug without a bound tenant (sign-in, CLI). */
    @Transactional(readOnly = true)
    public Optional<TenantId> findIdBySlug(String slug) {
        return repository.findIdBySlug(slug.strip().toLowerCase(Locale.ROOT));
    }

    /** The bound firm. */
    @Transactional(readOnly = true)
    public Tenant current() {
        TenantId tenant = TenantContext.requireTenant();
        return repository.find(tenant).orElseThrow(() -> new IllegalStateException("The bound firm does not exist"));
    }
}
