package dev.backlot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of its own on loopback that speaks TLS only and requires a password, as
 * Memorystore does with AUTH and in-transit encryption: a CA and a server certificate made with
 * openssl for the occasion (and a second CA that signed nothing here). Skips the calling test when
 * redis-server or openssl is missing, except on CI, which must run it.
 */
public final class TlsRedisServer implements AutoCloseable {
  private final Path dir;
  private final Process process;
  private final int port;
  private final String password;

  private TlsRedisServer(Path dir, Process process, int port, String password) {
    this.dir = dir;
    this.process = process;
    this.port = port;
    this.password = password;
  }

  public static TlsRedisServer start(String password) throws Exception {
    if (Executables.onPath("redis-server").isEmpty() || Executables.onPath("openssl").isEmpty()) {
      String reason = "Redis TLS tests skipped: redis-server or openssl is not on PATH";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI must run the Redis TLS cases: " + reason);
      }
      org.junit.jupiter.api.Assumptions.abort(reason);
    }
    Path dir = Files.createTempDirectory("redis-tls");
    certificateAuthority(dir, "ca");
    certificateAuthority(dir, "other-ca");
    openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "server.key",
        "-out", "server.csr", "-subj", "/CN=127.0.0.1");
    Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.crt", "-days", "1", "-extfile", "server.ext");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Process process = new ProcessBuilder("redis-server", "--port", "0", "--bind", "127.0.0.1", "--tls-port", String.valueOf(port),
        "--tls-cert-file", "server.crt", "--tls-key-file", "server.key", "--tls-ca-cert-file", "ca.crt", "--tls-auth-clients", "no",
        "--requirepass", password, "--save", "", "--appendonly", "no", "--dir", dir.toString())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    TlsRedisServer server = new TlsRedisServer(dir, process, port, password);
    try {
      Poll.until(Duration.ofSeconds(30), () -> server.listening(), () -> "redis-server did not listen on " + port + ":\n" + server.log());
    } catch (Exception | AssertionError e) {
      server.close();
      throw e;
    }
    return server;
  }

  private static void certificateAuthority(Path dir, String name) throws Exception {
    openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", name + ".key",
        "-out", name + ".crt", "-days", "1", "-subj", "/CN=Backlot test " + name, "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign");
  }

  private static void openssl(Path dir, String... arguments) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
  }

  private boolean listening() {
    if (!process.isAlive()) {
      throw new IllegalStateException("redis-server exited:\n" + log());
    }
    try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("redis.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** {@code host:port}. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** {@code rediss://host:port} with the password, as Backstage's backend.cache.connection carries it. */
  public String urlWithPassword() {
    return "rediss://:" + password + "@" + address();
  }

  /** {@code rediss://host:port}, no password. */
  public String urlWithoutPassword() {
    return "rediss://" + address();
  }

  /** The PEM of the CA that signed the server's certificate. */
  public String caCertificate() {
    return read("ca.crt");
  }

  /** The PEM of a CA that signed nothing this server presents. */
  public String otherCaCertificate() {
    return read("other-ca.crt");
  }

  private String read(String name) {
    try {
      return Files.readString(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // A temporary folder left behind is no failure of the test.
    }
  }
}
