package dev.backlot.local.oidc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.local.Readiness;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OpenID Connect provider that stands in for Okta locally: NAV's mock-oauth2-server as its
 * own process (its class path is {@code shared/local-portal/target/oidc-classpath.txt}), over
 * HTTPS with {@link LocalTls}'s certificate, showing {@link LoginPage} to pick a sample user. The
 * shell signs in against it through the same OIDC code path as against Okta.
 */
public final class LocalOidcProvider implements AutoCloseable {
  /** The path of the issuer below the provider's root: {@code https://localhost:<port>/backlot}. */
  public static final String ISSUER_ID = "backlot";
  static final String MAIN = "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final String issuer;
  private final Path log;

  private LocalOidcProvider(Process process, String issuer, Path log) {
    this.process = process;
    this.issuer = issuer;
    this.log = log;
  }

  /** Starts the provider on {@code port} of loopback and returns once its discovery document answers. */
  public static LocalOidcProvider start(Path root, Path stateDir, LocalTls tls, int port) {
    return start(root, stateDir, tls, "127.0.0.1", port);
  }

  /**
   * Starts the provider on {@code port} of {@code host} and returns once its discovery document answers.
   *
   * @param root the checkout (for the provider's class path and {@code examples/org/users.yaml})
   * @param stateDir where its config, login page and log go (locally {@code .backlot/oidc})
   * @param host the address it listens on: loopback, or every interface (0.0.0.0, ::)
   */
  public static LocalOidcProvider start(Path root, Path stateDir, LocalTls tls, String host, int port) {
    try {
      Files.createDirectories(stateDir);
      Path loginPage = stateDir.resolve("login.html");
      Files.writeString(loginPage, LoginPage.html(SampleUsers.from(root.resolve("examples/org/users.yaml"))));
      Path config = stateDir.resolve("config.json");
      Files.writeString(config, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(config(tls, loginPage)));
      Path log = stateDir.resolve("provider.log");
      ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath(root), MAIN)
          .redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().put("SERVER_HOSTNAME", host);
      builder.environment().put("SERVER_PORT", Integer.toString(port));
      builder.environment().put("JSON_CONFIG_PATH", config.toString());
      builder.environment().put("LOG_LEVEL", "WARN");
      LocalOidcProvider provider = new LocalOidcProvider(builder.start(), "https://localhost:" + port + "/" + ISSUER_ID, log);
      provider.awaitDiscovery(tls);
      return provider;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local OIDC provider", e);
    }
  }

  private static ObjectNode config(LocalTls tls, Path loginPage) {
    ObjectNode config = Json.object();
    config.put("interactiveLogin", true);
    config.put("loginPagePath", loginPage.toString());
    ObjectNode server = config.putObject("httpServer");
    server.put("type", "NettyWrapper");
    server.putObject("ssl").put("keystoreFile", tls.keystore().toString()).put("keystoreType", "PKCS12")
        .put("keystorePassword", LocalTls.PASSWORD).put("keyPassword", LocalTls.PASSWORD);
    return config;
  }

  private static String classpath(Path root) throws IOException {
    Path file = root.resolve("shared/local-portal/target/oidc-classpath.txt");
    if (!Files.isRegularFile(file)) {
      throw new IOException(root.relativize(file) + " is missing: build the local portal (./mvnw -q package -pl shared/local-portal)");
    }
    return Files.readString(file).trim();
  }

  private void awaitDiscovery(LocalTls tls) {
    HttpClient http = HttpClient.newBuilder().sslContext(tls.sslContext()).connectTimeout(Duration.ofSeconds(2)).build();
    URI discovery = URI.create(issuer + "/.well-known/openid-configuration");
    try {
      Readiness.await(process, "the local OIDC provider (" + discovery + ")",
          () -> http.send(HttpRequest.newBuilder(discovery).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200,
          START_TIMEOUT, Duration.ofMillis(50));
    } catch (IllegalStateException e) {
      close();
      throw new IllegalStateException(e.getMessage() + ":\n" + logTail(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while waiting for the local OIDC provider", e);
    }
  }


  /** Its issuer URL, what {@code okta.oauth2.issuer} names. */
  public String issuer() {
    return issuer;
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
