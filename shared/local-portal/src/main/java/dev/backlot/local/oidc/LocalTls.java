package dev.backlot.local.oidc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost}, made on first run with the JDK's keytool and
 * kept in a folder (locally {@code .backlot/tls/}): the local OIDC provider serves HTTPS with it,
 * because okta-spring-boot-starter refuses an {@code http://} issuer. Only JVMs given {@link
 * #truststore()} (the shell, the portal itself, tests) trust it; nothing is added to the system's
 * or the JDK's trust. The rehearsal's certificate also names the Google host names its network
 * stands in for ({@code *.run.app}, {@code *.googleapis.com}, ...).
 */
public final class LocalTls {
  /** Not a secret: it only satisfies PKCS#12, which wants a password; the files hold a throwaway local key. */
  public static final String PASSWORD = "backlot-local";
  private static final String ALIAS = "localhost";

  private static final List<String> LOCALHOST = List.of("dns:localhost", "ip:127.0.0.1");

  private final Path keystore;
  private final Path truststore;
  private final Path certificate;

  private LocalTls(Path dir) {
    this.keystore = dir.resolve("localhost.p12");
    this.truststore = dir.resolve("truststore.p12");
    this.certificate = dir.resolve("localhost.crt");
  }

  /** The certificate for localhost in {@code dir}, made now when it is not there yet. */
  public static LocalTls in(Path dir) {
    return in(dir, List.of());
  }

  /**
   * The certificate in {@code dir} for localhost and {@code hostNames} (wildcards such as {@code
   * *.example.com} allowed), made now when there is none for exactly these names.
   */
  public static LocalTls in(Path dir, List<String> hostNames) {
    LocalTls tls = new LocalTls(dir);
    List<String> names = new ArrayList<>(LOCALHOST);
    hostNames.forEach(name -> names.add("dns:" + name));
    Path namesFile = dir.resolve("names.txt");
    try {
      boolean same = Files.isRegularFile(namesFile) ? Files.readString(namesFile).equals(String.join(",", names)) : hostNames.isEmpty();
      if (!same || !Files.isRegularFile(tls.keystore) || !Files.isRegularFile(tls.truststore)) {
        tls.generate(dir, names);
        Files.writeString(namesFile, String.join(",", names));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tls;
  }

  /** The key and certificate (PKCS#12, {@link #PASSWORD}) the provider serves. */
  public Path keystore() {
    return keystore;
  }

  /** The certificate alone as PEM, for tools such as curl ({@code CURL_CA_BUNDLE}). */
  public Path certificatePem() {
    return certificate;
  }

  /** The certificate alone (PKCS#12, {@link #PASSWORD}), for {@code -Djavax.net.ssl.trustStore}. */
  public Path truststore() {
    return truststore;
  }

  /** JVM flags that make a JVM trust this certificate (and only it). */
  public List<String> trustingJvmFlags() {
    return List.of("-Djavax.net.ssl.trustStore=" + truststore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
        "-Djavax.net.ssl.trustStoreType=PKCS12");
  }

  /** An SSL context trusting this certificate, for this JVM's own calls to the provider. */
  public SSLContext sslContext() {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(load(truststore));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read " + truststore + "; delete its folder to make a new certificate", e);
    }
  }

  /** An SSL context presenting this certificate, for a server. */
  public SSLContext serverContext() {
    try {
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(load(keystore), PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(factory.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read " + keystore + "; delete its folder to make a new certificate", e);
    }
  }

  private static KeyStore load(Path file) throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(file)) {
      store.load(in, PASSWORD.toCharArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return store;
  }

  private void generate(Path dir, List<String> names) {
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(keystore);
      Files.deleteIfExists(truststore);
      keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
          "-dname", "CN=localhost, O=Backlot local portal", "-ext", "san=" + String.join(",", names),
          "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
      keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keystore.toString(), "-storepass", PASSWORD,
          "-file", certificate.toString());
      keytool("-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(),
          "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the local TLS certificate in " + dir, e);
    }
  }

  private static void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool " + args[0] + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running keytool", e);
    }
  }
}
