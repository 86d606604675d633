package io.lexvault.database;

import java.util.regex.Pattern;

/** Reads and rewrites the database part of {@code jdbc:postgresql://host:port/database?params} URLs. */
final class PostgresUrls {

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(/([^?]*))?(\\?.*)?$");

    private PostgresUrls() {}

    static String database(String jdbcUrl) {
        var matcher = URL.matcher(jdbcUrl);
        if (!matcher.matches() || matcher.group(3) == null || matcher.group(3).isEmpty()) {
            throw new IllegalArgumentException("The JDBC URL names no database: " + withoutQuery(jdbcUrl));
        }
        return matcher.group(3);
    }

    static String withDatabase(String jdbcUrl, String database) {
        var matcher = URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "Not a jdbc:postgresql://host:port/database URL: " + withoutQuery(jdbcUrl));
        }
        var query = matcher.group(4) == null ? "" : matcher.group(4);
        return matcher.group(1) + "/" + database + query;
    }

    /**
     * Parameters the runtime role's URL may inherit from the administrator's: transport security and
     * timeouts. Everything else (user, password, options, client certificates) belongs to the
     * administrator and must not carry over, since the driver lets URL parameters override the login.
     */
    private static final java.util.Set<String> INHERITABLE = java.util.Set.of(
            "ssl", "sslmode", "sslrootcert", "sslnegotiation", "connectTimeout", "socketTimeout", "tcpKeepAlive");

    static String forRuntimeRole(String jdbcUrl, String schema) {
        var kept = new java.util.ArrayList<String>();
        int question = jdbcUrl.indexOf('?');
        if (question >= 0) {
            for (String parameter : jdbcUrl.substring(question + 1).split("&")) {
                String name = parameter.split("=", 2)[0];
                if (INHERITABLE.contains(name)) {
                    kept.add(parameter);
                }
            }
        }
        kept.add("currentSchema=" + schema);
        return withoutQuery(jdbcUrl) + "?" + String.join("&", kept);
    }

    /** Credentials belong in LEXVAULT_DB_USER / LEXVAULT_DB_PASSWORD, where they cannot leak into other logins. */
    static void requireNoCredentials(String jdbcUrl) {
        int question = jdbcUrl.indexOf('?');
        if (question < 0) {
            return;
        }
        for (String parameter : jdbcUrl.substring(question + 1).split("&")) {
            String name = parameter.split("=", 2)[0].toLowerCase(java.util.Locale.ROOT);
            if (name.equals("user") || name.equals("password")) {
                throw new IllegalArgumentException("LEXVAULT_DB_URL must not contain user or password; set"
                        + " LEXVAULT_DB_USER and LEXVAULT_DB_PASSWORD instead");
            }
        }
    }

    /** Query parameters may carry passwords or key paths, so they stay out of messages. */
    static String withoutQuery(String jdbcUrl) {
        int question = jdbcUrl.indexOf('?');
        return question < 0 ? jdbcUrl : jdbcUrl.substring(0, question);
    }
}
