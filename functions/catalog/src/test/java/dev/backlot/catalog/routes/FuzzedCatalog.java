package dev.backlot.catalog.routes;

import dev.backlot.catalog.CatalogFunction;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.InProcessHttp;
import dev.backlot.testing.TestTokens;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * The catalog on a fresh SQLite file holding examples/, served
 * in-process for fuzz tests: every answer must be a success or a client error, never a 5xx.
 */
final class FuzzedCatalog {
  /** A static token (externalAccess): a reader whose every request is not also an ES256 verification. */
  private static final String READER = "Bearer fuzz-reader-token";
  private static final String ADMIN = "Bearer " + TestTokens.userToken("user:default/ada", "user:default/ada", "group:default/platform-team");

  private final CatalogFunction catalog;

  private FuzzedCatalog(CatalogFunction catalog) {
    this.catalog = catalog;
  }

  static FuzzedCatalog start() throws Exception {
    PluginManifest manifest = new PluginManifest("catalog", CatalogFunction.class.getName(), "/api/catalog", true, false,
        List.of(), List.of(), "/healthcheck", List.of(), PluginManifest.Resources.DEFAULT);
    Config config = Config.of(TestTokens.withAuth(Map.of(
        "catalog", Map.of("locations", List.of(Map.of("type", "file", "target", "../../examples/all.yaml"))),
        "backend", Map.of("auth", Map.of("externalAccess", List.of(
            Map.of("type", "static", "options", Map.of("token", "fuzz-reader-token", "subject", "fuzzer"))))),
        "backlot", Map.of("auth", Map.of("adminGroups", List.of("group:default/platform-team"))))));
    Database database = Database.connect("jdbc:sqlite:" + Files.createTempDirectory("catalog-fuzz").resolve("catalog.sqlite"));
    FuzzedCatalog fuzzed = new FuzzedCatalog(new CatalogFunction(Plugin.withDatabase(manifest, config, database,
        FuzzedCatalog.class.getClassLoader())));
    InProcessHttp.quietLogs();
    fuzzed.send("POST", "/refresh", Map.of(), ADMIN, new byte[0]);
    return fuzzed;
  }

  /** A reader's request to {@code /api/catalog<path>}; a 5xx fails with what the catalog logged. */
  InProcessHttp.Answer read(String method, String path, Map<String, List<String>> query, byte[] body) throws Exception {
    return send(method, path, query, READER, body);
  }

  private InProcessHttp.Answer send(String method, String path, Map<String, List<String>> query, String authorization, byte[] body)
      throws Exception {
    InProcessHttp.Answer answer = InProcessHttp.send(catalog, method, "/api/catalog" + path, query,
        Map.of("Authorization", authorization, "Content-Type", "application/json"), body);
    if (answer.status() >= 500) {
      throw new AssertionError(method + " " + path + " " + query + " answered " + answer.status() + ": " + answer.text(), answer.logged());
    }
    return answer;
  }
}
