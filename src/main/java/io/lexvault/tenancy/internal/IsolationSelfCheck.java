package io.lexvault.tenancy.internal;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Refuses to start LexVault when the catalogue shows a gap in the tenant wall, so a migration that
 * forgot its policy never serves a request.
 */
class IsolationSelfCheck implements SmartInitializingSingleton {

    private final JdbcClient jdbc;

    IsolationSelfCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String runtimeRole = jdbc.sql("SELECT current_user").query(String.class).single();
        var violations = IsolationCatalogue.violations(jdbc, runtimeRole);
        if (!violations.isEmpty()) {
            throw new IllegalStateException(
                    "Tenant isolation is incomplete, refusing to start:\n  " + String.join("\n  ", violations));
        }
    }
}
