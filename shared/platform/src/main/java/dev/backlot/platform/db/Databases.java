package dev.backlot.platform.db;

import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Opens a plugin's database from Backstage's {@code backend.database} config: SQLite files (one
 * per plugin) by default, plain PostgreSQL, or Cloud SQL through its JDBC socket factory. Each
 * plugin gets its own logical database, {@code <prefix><plugin id>}.
 */
public final class Databases {
  private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private Databases() {}

  public static Database open(Config database, String pluginId) {
    String client = database.getOptionalString("client").orElse("better-sqlite3");
    int poolSize = database.getOptionalInt("pool.max").orElse(10);
    return switch (client) {
      case "better-sqlite3", "sqlite3" -> Database.connect(sqliteUrl(database, pluginId), new Properties(), poolSize);
      case "pg" -> openPostgres(database, databaseName(database, pluginId), poolSize);
      default -> throw new ConfigException("Unsupported backend.database.client '" + client
          + "'; use better-sqlite3, sqlite3 or pg");
    };
  }

  static String databaseName(Config database, String pluginId) {
    String name = database.getOptionalString("prefix").orElse("backlot_") + pluginId.replace('-', '_');
    if (!SAFE_NAME.matcher(name).matches()) {
      throw new ConfigException("Database name '" + name + "' for plugin " + pluginId + " is not a safe PostgreSQL identifier");
    }
    return name;
  }

  private static String sqliteUrl(Config database, String pluginId) {
    if (":memory:".equals(database.toJson().path("connection").asText())) {
      // Shared cache keeps one in-memory database across the pool's connections.
      return "jdbc:sqlite:file:backlot_" + pluginId + "?mode=memory&cache=shared";
    }
    String directory = database.getOptionalConfig("connection")
        .flatMap(c -> c.getOptionalString("directory"))
        .orElse(".backlot");
    Path dir = Path.of(directory);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the SQLite directory " + dir.toAbsolutePath(), e);
    }
    SqliteNativeLibrary.keepIn(dir);
    return "jdbc:sqlite:" + dir.resolve(pluginId + ".sqlite");
  }

  private static Database openPostgres(Config database, String name, int poolSize) {
    Properties properties = new Properties();
    String server;
    if (database.toJson().path("connection").isTextual()) {
      server = fromConnectionString(database.getString("connection"), properties);
    } else {
      Config connection = database.getConfig("connection");
      if ("cloudsql".equals(connection.getOptionalString("type").orElse(null))) {
        return Database.connect("jdbc:postgresql:///" + name, cloudSql(connection), poolSize);
      }
      server = connection.getOptionalString("host").orElse("127.0.0.1") + ":" + connection.getOptionalInt("port").orElse(5432);
      connection.getOptionalString("user").ifPresent(user -> properties.setProperty("user", user));
      connection.getOptionalString("password").ifPresent(password -> properties.setProperty("password", password));
      connection.getOptionalBoolean("ssl").filter(Boolean::booleanValue).ifPresent(ssl -> properties.setProperty("sslmode", "require"));
    }
    ensureDatabaseExists("jdbc:postgresql://" + server + "/postgres", properties, name);
    return Database.connect("jdbc:postgresql://" + server + "/" + name, properties, poolSize);
  }

  /** {@code postgresql://user:password@host:port/ignored}: the database name is the plugin's. */
  private static String fromConnectionString(String value, Properties properties) {
    URI uri = URI.create(value.startsWith("jdbc:") ? value.substring(5) : value);
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new ConfigException("backend.database.connection must be a postgresql:// URL or a mapping");
    }
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      properties.setProperty("user", URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
      if (parts.length == 2) {
        properties.setProperty("password", URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
      }
    }
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        properties.setProperty(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return uri.getHost() + ":" + (uri.getPort() == -1 ? 5432 : uri.getPort());
  }

  /** Cloud SQL through the socket factory; without a password the service identity logs in (IAM). */
  static Properties cloudSql(Config connection) {
    Properties properties = new Properties();
    properties.setProperty("socketFactory", "com.google.cloud.sql.postgres.SocketFactory");
    properties.setProperty("cloudSqlInstance", connection.getString("instance"));
    properties.setProperty("ipTypes", connection.getOptionalString("ipAddressType").orElse("PRIVATE"));
    connection.getOptionalString("user").ifPresent(user -> properties.setProperty("user", user));
    connection.getOptionalString("password").ifPresentOrElse(
        password -> properties.setProperty("password", password),
        () -> properties.setProperty("enableIamAuth", "true"));
    return properties;
  }

  /** Creates the plugin's database on first start; two instances racing both succeed. */
  private static void ensureDatabaseExists(String adminUrl, Properties properties, String name) {
    try (Connection connection = new DirectDriverDataSource(Dialect.POSTGRESQL.driver(), adminUrl, properties).getConnection();
        Statement statement = connection.createStatement()) {
      try (var rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
        if (rows.next()) {
          return;
        }
      }
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      // 42P04 duplicate_database, 23505: another instance created it meanwhile.
      if (!"42P04".equals(e.getSQLState()) && !"23505".equals(e.getSQLState())) {
        throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
      }
    }
  }
}
