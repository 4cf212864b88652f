package dev.backlot.local;

import dev.backlot.local.oidc.LocalOidcProvider;
import dev.backlot.local.oidc.LocalTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
  private final boolean ownsProvider;
  private final Process process;

  private LocalShell(LocalOidcProvider provider, boolean ownsProvider, Process process) {
    this.provider = provider;
    this.ownsProvider = ownsProvider;
    this.process = process;
  }

  /**
   * Starts the provider (unless {@code running} is one already, which the shell then signs in
   * with and leaves running), then the shell (returning before it answers: functions fetch its
   * keys lazily). With {@code aot}, the shell runs with its AOT cache, trained first if this
   * build of the shell has none yet.
   */
  static LocalShell start(Path root, String host, int shellPort, int gatewayPort, int providerPort, LocalOidcProvider running,
      LocalKeys keys, Map<String, String> env, boolean aot) {
    LocalTls tls = LocalTls.in(root.resolve(".backlot/tls"));
    boolean ownsProvider = running == null;
    LocalOidcProvider provider = ownsProvider ? LocalOidcProvider.start(root, root.resolve(".backlot/oidc"), tls, host, providerPort) : running;
    Map<String, String> shellEnv = new LinkedHashMap<>(env);
    shellEnv.put("SPRING_PROFILES_ACTIVE", "local");
    shellEnv.put("OKTA_OAUTH2_ISSUER", provider.issuer());
    shellEnv.put("OKTA_OAUTH2_CLIENTID", CLIENT_ID);
    shellEnv.put("OKTA_OAUTH2_CLIENTSECRET", CLIENT_SECRET);
    shellEnv.put("BACKEND_BASEURL", "http://localhost:" + gatewayPort);
    shellEnv.put("BACKEND_AUTH_USERTOKENS_SIGNINGKEY", keys.userSigningKey());
    try {
      Path cache = aot ? ShellLaunch.trainedCache(root, root.resolve(".backlot/aot"), tls.trustingJvmFlags(), shellEnv) : null;
      List<String> flags = new ArrayList<>(JvmFlags.run(cache));
      flags.addAll(tls.trustingJvmFlags());
      ProcessBuilder builder = new ProcessBuilder(ShellLaunch.command(root, flags, shellPort)).directory(root.toFile())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
      builder.environment().putAll(shellEnv);
      // The local profile listens on loopback, as the training run above did; this run where asked.
      builder.environment().put("SERVER_ADDRESS", host);
      return new LocalShell(provider, ownsProvider, builder.start());
    } catch (IOException | RuntimeException e) {
      if (ownsProvider) {
        provider.close();
      }
      throw new IllegalStateException("cannot start the shell: " + e.getMessage(), e);
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
    if (ownsProvider) {
      provider.close();
    }
  }

  static boolean isBuilt(Path root) {
    return ShellLaunch.isBuilt(root);
  }
}
