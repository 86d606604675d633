package io.lexvault.audit.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** How long the current transaction's commit waits for the disk. */
@Repository
class CommitDurability {

    private final JdbcClient jdbc;

    CommitDurability(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** This transaction's commit does not wait for the disk ({@code synchronous_commit} off, locally). */
    void relaxForThisTransaction() {
        jdbc.sql("SELECT set_config('synchronous_commit', 'off', true)").query().singleValue();
    }
}
