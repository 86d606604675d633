package io.lexvault.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * A JDBC login: where to connect and as whom.
 *
 * @param jdbcUrl a {@code jdbc:postgresql:} URL naming the database
 * @param user the role to log in as
 * @param password the role's password, or {@code null} where the server trusts the connection
 */
public record DatabaseLogin(
        String jdbcUrl, String user, @Nullable String password) {

    public DatabaseLogin {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "Only PostgreSQL JDBC URLs are supported (jdbc:postgresql://host:port/db)");
        }
    }

    /** The same server and role, another database on it. */
    public DatabaseLogin withDatabase(String database) {
        return new DatabaseLogin(PostgresUrls.withDatabase(jdbcUrl, database), user, password);
    }

    public DatabaseLogin withUser(String otherUser, @Nullable String otherPassword) {
        return new DatabaseLogin(jdbcUrl, otherUser, otherPassword);
    }

    public String database() {
        return PostgresUrls.database(jdbcUrl);
    }

    public Connection connect() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("ApplicationName", "lexvault");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** Never prints the password: logins end up in logs and exception messages. */
    @Override
    public String toString() {
        return "DatabaseLogin[" + PostgresUrls.withoutQuery(jdbcUrl) + " as " + user + "]";
    }
}
