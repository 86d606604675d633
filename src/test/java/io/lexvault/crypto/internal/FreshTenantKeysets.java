package io.lexvault.crypto.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** A firm keyset store with nothing cached, over the given root key: a freshly started node's. */
public final class FreshTenantKeysets {

    private FreshTenantKeysets() {}

    public static TenantKeysets over(RootKey root, JdbcClient jdbc, PlatformTransactionManager transactions) {
        return new TenantKeysets(new TenantKeysetRepository(jdbc), root, transactions);
    }
}
