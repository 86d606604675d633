package io.lexvault.identity;

/** Security actions identity reports; the audit module records each one. */
public enum SecurityEventType {
    SIGN_IN_SUCCEEDED,
    SIGN_IN_FAILED,
    SIGN_IN_THROTTLED,
    ACCOUNT_LOCKED,
    ACCOUNT_UNLOCKED,
    SIGNED_OUT,
    SESSION_REVOKED,
    OTHER_SESSIONS_REVOKED,
    SESSION_EXPIRED,
    PASSWORD_CHANGED,
    PASSWORD_REHASHED,
    ACCOUNT_CREATED,
    API_KEY_CREATED,
    API_KEY_REVOKED,
    API_KEY_REFUSED
}
