package io.lexvault.tenancy;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The bound firm's settings: named values such as its matter number format. */
@Service
public class TenantSettings {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,99}");
    private static final int MAX_VALUE_LENGTH = 10_000;

    private final TenantSettingRepository repository;

    TenantSettings(TenantSettingRepository repository) {
        this.repository = repository;
    }

    @Transactional(readOnly = true)
    public Optional<String> get(String name) {
        return repository.find(TenantContext.requireTenant(), name);
    }

    @Transactional(readOnly = true)
    public Map<String, String> all() {
        return repository.findAll(TenantContext.requireTenant());
    }

    @Transactional
    public void put(String name, String value) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A setting name is lowercase, starts with a letter and has at most 100"
                    + " letters, digits, '.', '_' or '-'");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("A setting value has at most " + MAX_VALUE_LENGTH + " characters");
        }
        repository.upsert(TenantContext.requireTenant(), name, value);
    }

    @Transactional
    public boolean remove(String name) {
        return repository.delete(TenantContext.requireTenant(), name);
    }
}
