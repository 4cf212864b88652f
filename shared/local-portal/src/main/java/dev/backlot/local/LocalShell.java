package dev.backlot.local;

import dev.backlot.local.oidc.LocalOidcProvider;
import dev.backlot.local.oidc.LocalTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shell as the local portal runs it: signing in against {@link LocalOidcProvider} (HTTPS,
 * trusted by the shell's JVM only), signing user tokens with the portal's key in {@code
 * .backlot/auth/}, publishing their keys for the functions, and forwarding {@code /api/**} to the
 * gateway.
 */
final class LocalShell implements AutoCloseable {
  /** The local provider's client: any id and secret do, these are no secrets. */
  static final String CLIENT_ID = "backlot-local";
  static final String CLIENT_SECRET = "backlot-local-secret";

  private final LocalOidcProvider provider;
  private final Process process;

  private LocalShell(LocalOidcProvider provider, Process process) {
    this.provider = provider;
    this.process = process;
  }

  static Path jar(Path root) {
    return root.resolve("frontend-shell/target/frontend-shell.jar");
  }

  /** Starts the provider, then the shell (returning before it answers: functions fetch its keys lazily). */
  static LocalShell start(Path root, int shellPort, int gatewayPort, int providerPort, LocalKeys keys, Map<String, String> env) {
    LocalTls tls = LocalTls.in(root.resolve(".backlot/tls"));
    LocalOidcProvider provider = LocalOidcProvider.start(root, root.resolve(".backlot/oidc"), tls, providerPort);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1"));
    command.addAll(tls.trustingJvmFlags());
    command.addAll(List.of("-jar", jar(root).toString(), "--server.port=" + shellPort));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(env);
    builder.environment().put("SPRING_PROFILES_ACTIVE", "local");
    builder.environment().put("OKTA_OAUTH2_ISSUER", provider.issuer());
    builder.environment().put("OKTA_OAUTH2_CLIENTID", CLIENT_ID);
    builder.environment().put("OKTA_OAUTH2_CLIENTSECRET", CLIENT_SECRET);
    builder.environment().put("BACKEND_BASEURL", "http://localhost:" + gatewayPort);
    builder.environment().put("BACKEND_AUTH_USERTOKENS_SIGNINGKEY", keys.userSigningKey());
    try {
      return new LocalShell(provider, builder.start());
    } catch (IOException e) {
      provider.close();
      throw new UncheckedIOException("cannot start the shell", e);
    }
  }

  String issuer() {
    return provider.issuer();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    provider.close();
  }

  static boolean isBuilt(Path root) {
    return Files.isRegularFile(jar(root));
  }
}
