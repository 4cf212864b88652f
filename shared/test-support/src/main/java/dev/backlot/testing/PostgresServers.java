package dev.backlot.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where PostgreSQL test databases come from: {@code BACKLOT_TEST_POSTGRES_URL}, else a server on
 * the default port of loopback that lets user {@code postgres} in (a developer's own, so a new
 * user's {@code ./backlot test} runs the PostgreSQL cases without setup), else a Testcontainers
 * container when Docker runs, else nowhere (with the reason why).
 */
public final class PostgresServers {
  static final String URL_VARIABLE = "BACKLOT_TEST_POSTGRES_URL";
  static final String SKIPPED = "PostgreSQL tests skipped: ";
  /** Where a developer's own server listens, and the user a fresh install lets in without a password. */
  static final String LOOPBACK_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&connectTimeout=2";
  /** Nothing listening on loopback answers within microseconds; a live server within milliseconds. */
  private static final int PROBE_MILLIS = 250;
  private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?");

  private static PostgresServers shared;

  private final String adminUrl;
  private final String unavailableReason;

  PostgresServers(String adminUrl, String unavailableReason) {
    this.adminUrl = adminUrl;
    this.unavailableReason = unavailableReason;
  }

  /** The process-wide source, decided once from the environment. */
  public static synchronized PostgresServers shared() {
    if (shared == null) {
      shared = fromEnvironment(System::getenv);
    }
    return shared;
  }

  static PostgresServers fromEnvironment(Function<String, String> environment) {
    return fromEnvironment(environment, LOOPBACK_URL);
  }

  /** As {@link #fromEnvironment(Function)}, probing {@code loopbackUrl} when the variable is unset. */
  static PostgresServers fromEnvironment(Function<String, String> environment, String loopbackUrl) {
    String url = environment.apply(URL_VARIABLE);
    if (url != null && !url.isBlank()) {
      if (!JDBC_URL.matcher(url).matches()) {
        return new PostgresServers(null, SKIPPED + URL_VARIABLE + " must look like jdbc:postgresql://host:port/postgres?user=postgres, was " + url);
      }
      return new PostgresServers(url, null);
    }
    String loopback = loopbackRefusal(loopbackUrl);
    if (loopback == null) {
      return new PostgresServers(loopbackUrl, null);
    }
    return Containers.adminUrl()
        .map(admin -> new PostgresServers(admin, null))
        .orElseGet(() -> new PostgresServers(null, SKIPPED + URL_VARIABLE + " is not set, " + loopback
            + ", and no Docker engine runs for Testcontainers; set " + URL_VARIABLE + " (a JDBC URL to an admin database)"));
  }

  /** Why the server at {@code url} cannot be used, or null when it can: nothing listens, or it refuses the user. */
  static String loopbackRefusal(String url) {
    Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/.*").matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL with a port: " + url);
    }
    String where = m.group(1) + ":" + m.group(2);
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))), PROBE_MILLIS);
    } catch (java.io.IOException e) {
      return "nothing listens on " + where;
    }
    try (Connection connection = DriverManager.getConnection(url)) {
      return null;
    } catch (SQLException e) {
      return "PostgreSQL on " + where + " refused " + url.replaceAll(".*[?&]user=([^&]*).*", "user $1") + " (" + e.getMessage() + ")";
    }
  }

  /** A database that exists until {@link Created#drop()}; unavailable when there is no server. */
  public Created createDatabase() {
    if (adminUrl == null) {
      return new Created(new TestDatabase(TestDatabase.POSTGRESQL, null, unavailableReason), () -> {});
    }
    String name = "backlot_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    execute("CREATE DATABASE " + name);
    TestDatabase database = new TestDatabase(TestDatabase.POSTGRESQL, withDatabase(adminUrl, name), null);
    return new Created(database, () -> execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
  }

  /** The admin URL, for tests that create and drop databases of their own. */
  public String adminUrl() {
    if (adminUrl == null) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI must run the PostgreSQL cases: " + unavailableReason);
      }
      throw new org.opentest4j.TestAbortedException(unavailableReason);
    }
    return adminUrl;
  }

  static String withDatabase(String url, String database) {
    Matcher m = JDBC_URL.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
    }
    return m.group(1) + database + (m.group(3) == null ? "" : m.group(3));
  }

  private void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(adminUrl); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + adminUrl + " refused '" + sql + "': " + e.getMessage(), e);
    }
  }

  /** A created database and how to drop it. */
  public record Created(TestDatabase database, Runnable dropper) {
    public void drop() {
      dropper.run();
    }
  }

  /** Testcontainers, touched only when no URL is configured, so CI never pays for it. */
  private static final class Containers {
    static java.util.Optional<String> adminUrl() {
      try {
        if (!org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
          return java.util.Optional.empty();
        }
        var container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:15-alpine");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        return java.util.Optional.of(container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?")
            + "user=" + container.getUsername() + "&password=" + container.getPassword());
      } catch (RuntimeException | LinkageError e) {
        return java.util.Optional.empty();
      }
    }
  }
}
