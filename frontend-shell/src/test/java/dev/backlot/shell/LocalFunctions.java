package dev.backlot.shell;

import dev.backlot.local.FunctionClasspath;
import dev.backlot.local.FunctionLauncher;
import dev.backlot.local.JvmFlags;
import dev.backlot.local.RunningFunction;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.platform.manifest.PluginManifests;
import dev.backlot.testing.TestTokens;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Real functions for the shell's tests, as the local portal runs them: the built function (its
 * function.jar, so the reactor packages it first) in its own JVM under the Functions Framework
 * invoker, on its own SQLite file, trusting the shell's user tokens and the shared service key.
 */
final class LocalFunctions {
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private LocalFunctions() {}

  /**
   * Plugin {@code id} configured with the backend settings every function reads plus {@code own},
   * its own sections; its config and database live under {@code work}. The config file is JSON,
   * which is YAML too.
   */
  static RunningFunction start(String id, String jwksUrl, String backendBaseUrl, Map<String, Object> own, Path work) throws Exception {
    Path config = Files.createDirectories(work.resolve("config-" + id));
    Map<String, Object> backend = new LinkedHashMap<>(Map.of(
        "baseUrl", backendBaseUrl,
        "database", Map.of("client", "better-sqlite3", "connection", Map.of(
            "directory", Files.createDirectories(work.resolve("db-" + id + "-" + System.nanoTime())).toString())),
        "auth", Map.of(
            "userTokens", Map.of("jwksUrl", jwksUrl, "issuer", "backlot", "audience", "backlot"),
            "serviceTokens", Map.of("local", Map.of("privateKey", "${BACKLOT_SERVICE_KEY}")))));
    Map<String, Object> settings = new LinkedHashMap<>(own);
    if (own.get("backend") instanceof Map<?, ?> extra) {
      extra.forEach((key, value) -> {
        // backend.auth's own keys join the shared ones (tokens every function checks) rather than replace them.
        if (key.equals("auth") && value instanceof Map<?, ?> auth) {
          Map<Object, Object> joined = new LinkedHashMap<>((Map<?, ?>) backend.get("auth"));
          joined.putAll(auth);
          backend.put("auth", joined);
        } else {
          backend.put((String) key, value);
        }
      });
    }
    settings.put("backend", backend);
    Files.write(config.resolve("app-config.yaml"), Json.bytes(settings));
    PluginManifest manifest = PluginManifests.load(ROOT.resolve("functions")).stream()
        .filter(plugin -> plugin.id().equals(id)).findFirst().orElseThrow();
    FunctionLauncher launcher = new FunctionLauncher(ROOT, Map.of("BACKLOT_CONFIG_DIR", config.toString(),
        "BACKLOT_SERVICE_KEY", TestTokens.serviceKey().toJSONString()), new PrintStream(System.out, true));
    return launcher.start(new FunctionLauncher.Function(id, manifest.entryPoint(),
        FunctionClasspath.of(ROOT.resolve("functions"), manifest), "/healthcheck"), JvmFlags.run(null));
  }

  /** Service tokens of caller {@code name}, signed with the key every function here shares. */
  static ServiceTokens serviceTokens(String name) {
    return ServiceTokens.fromConfig(Config.of(Map.of("backend", Map.of("auth", Map.of("serviceTokens",
        Map.of("local", Map.of("privateKey", TestTokens.serviceKey().toJSONString())))))), name);
  }
}
