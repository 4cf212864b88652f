package dev.backlot.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.local.bench.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The installed UI plugins as the shell serves them from its folder (the bucket in GCP): the
 * manifest uncached, content-hashed bundles cached for a year, under the same Content Security
 * Policy as every page, to signed-in people only, and nothing outside {@code bundles/}.
 */
class UiPluginFilesTest {
  static final Path FOLDER = Path.of("target", "ui-plugin-files-test").toAbsolutePath();
  static final String BUNDLE = "/ui-plugins/bundles/techradar/techradar-1.0.0-AbCdEf12.js";
  static final String MANIFEST = "{\"plugins\":[{\"id\":\"techradar\",\"version\":\"1.0.0\",\"bundle\":\"" + BUNDLE + "\"}]}";
  static Browser ada;

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(FOLDER.resolve("bundles/techradar"));
    Files.createDirectories(FOLDER.resolve("manifests"));
    Files.writeString(FOLDER.resolve("manifest.json"), MANIFEST);
    Files.writeString(FOLDER.resolve("manifests/2026-12-07-techradar-0.9.0.json"), "{\"plugins\":[]}");
    Files.writeString(FOLDER.resolve("secret.txt"), "SECRET beside the bundles");
    Files.writeString(FOLDER.resolve("bundles/techradar/techradar-1.0.0-AbCdEf12.js"), "export default { id: 'techradar' };");
    // SignInTest's shell reads this as backlot.ui-plugins.folder (BACKLOT_UIPLUGINS_FOLDER in its environment).
    System.setProperty("backlot.ui-plugins.folder", FOLDER.toString());
    SignInTest.start();
    ada = SignInTest.signedInAsAda();
  }

  @AfterAll
  static void stop() throws Exception {
    System.clearProperty("backlot.ui-plugins.folder");
    SignInTest.stop();
  }

  @Test
  void theManifestIsRevalidatedOnEveryLoadSoThatInstallingOrRollingBackIsWritingOneFile() throws Exception {
    HttpResponse<String> manifest = ada.get(SignInTest.shell("/ui-plugins/manifest.json"));
    assertEquals(200, manifest.statusCode());
    assertEquals(MANIFEST, manifest.body());
    assertEquals("no-cache", manifest.headers().firstValue("Cache-Control").orElseThrow());
    assertTrue(manifest.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
  }

  @Test
  void aBundleIsAScriptOfThePortalsOwnOriginCachedForAYear() throws Exception {
    HttpResponse<String> bundle = ada.get(SignInTest.shell(BUNDLE));
    assertEquals(200, bundle.statusCode());
    assertEquals("export default { id: 'techradar' };", bundle.body());
    assertEquals("max-age=31536000, private, immutable", bundle.headers().firstValue("Cache-Control").orElseThrow());
    // A module script runs only when served as JavaScript (nosniff), and the page's CSP allows it as 'self'.
    assertTrue(bundle.headers().firstValue("Content-Type").orElseThrow().contains("javascript"), bundle.headers().toString());
    assertEquals("nosniff", bundle.headers().firstValue("X-Content-Type-Options").orElseThrow());
    String policy = bundle.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe"), policy);
  }

  @Test
  void noPathLeavesTheBundlesFolder() throws Exception {
    for (String path : List.of("/ui-plugins/bundles/../secret.txt", "/ui-plugins/bundles/%2e%2e/secret.txt",
        "/ui-plugins/bundles/techradar/..%2f..%2fsecret.txt", "/ui-plugins/bundles/techradar/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/ui-plugins/bundles/..%5csecret.txt", "/ui-plugins/bundles/techradar/..;/../secret.txt",
        "/ui-plugins/manifests/2026-12-07-techradar-0.9.0.json", "/ui-plugins/secret.txt", "/ui-plugins/bundles/techradar/missing-AbCdEf12.js")) {
      HttpResponse<String> response = ada.send(HttpRequest.newBuilder(URI.create(SignInTest.shellUrl + path)).build());
      assertFalse(response.body().contains("SECRET"), path);
      assertFalse(response.body().contains("\"plugins\":[]"), path);
      assertNotEquals(200, response.statusCode(), path + " " + response.body());
    }
  }

  @Test
  void someoneNotSignedInGetsNeitherTheManifestNorABundle() throws Exception {
    HttpClient stranger = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    for (String path : List.of("/ui-plugins/manifest.json", BUNDLE)) {
      HttpResponse<String> response = stranger.send(HttpRequest.newBuilder(SignInTest.shell(path)).build(), HttpResponse.BodyHandlers.ofString());
      // 401, not a redirect to the identity provider: the web UI's fetch signs the person in again.
      assertEquals(401, response.statusCode(), path);
      assertFalse(response.body().contains("techradar"), path);
    }
  }
}
