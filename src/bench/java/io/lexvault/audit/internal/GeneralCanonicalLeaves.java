package io.lexvault.audit.internal;

import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark only (AuditVerificationBenchmark): leaves built the way they were before the direct
 * canonical writer, every one through Jackson and the general RFC 8785 implementation, to time the
 * verifier both ways in the same run.
 */
public class GeneralCanonicalLeaves extends AuditLeaves {

    public GeneralCanonicalLeaves(JsonMapper json) {
        super(json);
    }

    @Override
    byte[] canonical(Fields fields) {
        return throughGeneralCanonicaliser(fields);
    }
}
