package io.lexvault.database;

import java.util.regex.Pattern;

/**
 * The two database roles LexVault uses: {@code owner} owns the schema and runs migrations; {@code app}
 * handles every request and owns nothing, so row-level security always applies to it.
 */
public record RoleNames(String owner, String app) {

    /**
     * Role names go into DDL, where PostgreSQL cannot bind parameters, so they are restricted to a
     * shape that needs no escaping at all (and are quoted besides).
     */
    private static final Pattern SAFE_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,50}");

    public RoleNames {
        requireSafe(owner);
        requireSafe(app);
        if (owner.equals(app)) {
            throw new IllegalArgumentException("The owner and runtime roles must differ");
        }
    }

    public static RoleNames withPrefix(String prefix) {
        return new RoleNames(prefix + "_owner", prefix + "_app");
    }

    static String requireSafe(String identifier) {
        if (!SAFE_IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException(
                    "Database identifiers must match " + SAFE_IDENTIFIER.pattern() + ": " + identifier);
        }
        return identifier;
    }

    static String quoted(String identifier) {
        return "\"" + requireSafe(identifier) + "\"";
    }
}
