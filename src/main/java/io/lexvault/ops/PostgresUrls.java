package io.lexvault.ops;

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

    /** Query parameters may carry passwords or key paths, so they stay out of messages. */
    static String withoutQuery(String jdbcUrl) {
        int question = jdbcUrl.indexOf('?');
        return question < 0 ? jdbcUrl : jdbcUrl.substring(0, question);
    }
}
