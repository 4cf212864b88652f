package dev.backlot.techdocs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.testing.InProcessHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attacks on the static route: paths that try to leave the entity's folder (for another entity's
 * docs, another plugin's blobs or the file system), and published files that try to run script.
 * Every secret below holds the word SECRET; no answer may.
 */
class DocsSafetyTest {
  private static final String SITE = "/api/techdocs/static/docs/default/component/payments/";
  private static Path blobs;
  private static CatalogStandIn catalog;
  private static TechDocsFunction techdocs;
  private static RunningTechDocs running;

  @BeforeAll
  static void start() throws Exception {
    blobs = Files.createTempDirectory("techdocs-safety");
    catalog = new CatalogStandIn();
    techdocs = RunningTechDocs.inProcess(blobs, catalog.baseUrl(), Map.of());
    running = RunningTechDocs.start(catalog.baseUrl(), Map.of());
    for (Path sites : new Path[] {blobs.resolve("techdocs"), running.sites()}) {
      Path site = sites.resolve("default/component/payments");
      Files.createDirectories(site);
      Files.writeString(site.resolve("index.html"), "<h1>public docs</h1>");
      Files.writeString(site.resolve("evil.svg"), "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>");
      Files.writeString(site.resolve("page.xhtml"), "<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>");
      Files.writeString(site.resolve("no-extension"), "<script>alert(1)</script>");
      Files.createDirectories(sites.resolve("default/component/private"));
      Files.writeString(sites.resolve("default/component/private/index.html"), "SECRET of another entity");
      Files.writeString(sites.resolve("secret.txt"), "SECRET at the store's root");
      Files.createDirectories(sites.resolveSibling("api-docs"));
      Files.writeString(sites.resolveSibling("api-docs").resolve("secret.txt"), "SECRET of another plugin");
      Path outside = Files.createTempFile("outside", ".txt");
      Files.writeString(outside, "SECRET outside the store");
      Files.createSymbolicLink(site.resolve("link.html"), outside);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    running.close();
    catalog.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "../private/index.html", "%2e%2e/private/index.html", "%2E%2E%2Fprivate%2Findex.html", ".%2e/private/index.html",
      "..%2f..%2f..%2fsecret.txt", "..%2F..%2F..%2F..%2Fapi-docs%2Fsecret.txt", "..\\private\\index.html",
      "..%5cprivate%5cindex.html", "%5c..%5c..%5csecret.txt", "/etc/passwd", "%2fetc%2fpasswd", "%2F..%2F..%2Fsecret.txt",
      "index.html%00.png", "index.html%00", "%00", "./index.html", "%2e/index.html", "guide/../../private/index.html",
      "%c0%ae%c0%ae/private/index.html", "%e0%80%ae%e0%80%ae/secret.txt", "%zz", "index.html%", "a%0d%0aSet-Cookie:x"})
  void pathsLeavingTheSiteAreRefusedAsBadRequests(String attack) throws Exception {
    InProcessHttp.Answer answer = InProcess.get(techdocs, SITE + attack);
    assertEquals(400, answer.status(), attack + ": " + answer.text());
    assertFalse(answer.text().contains("SECRET"), answer.text());
    assertTrue(answer.text().contains("InputError"), answer.text());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/techdocs/static/docs/default/component/%2e%2e/secret.txt",
      "/api/techdocs/static/docs/default/%2e%2e/%2e%2e/secret.txt/x",
      "/api/techdocs/static/docs/..%2f..%2fapi-docs/x/y/secret.txt",
      "/api/techdocs/static/docs/default/component/payments%2f..%2fprivate/index.html",
      "/api/techdocs/static/docs/default/component/private%00/index.html",
      "/api/techdocs/metadata/techdocs/default/component/%2e%2e",
      "/api/techdocs/metadata/techdocs/%2e%2e/%2e%2e/techdocs"})
  void entityPartsThatAreNotCatalogNamesAreRefused(String attack) throws Exception {
    InProcessHttp.Answer answer = InProcess.get(techdocs, attack);
    assertEquals(400, answer.status(), attack + ": " + answer.text());
    assertFalse(answer.text().contains("SECRET"), answer.text());
  }

  @Test
  void aDoubleEncodedDotDotIsAFileNameNotAStep() throws Exception {
    InProcessHttp.Answer answer = InProcess.get(techdocs, SITE + "%252e%252e/private/index.html");
    assertEquals(404, answer.status(), answer.text());
    assertFalse(answer.text().contains("SECRET"));
  }

  @Test
  void symbolicLinksInASiteAreNotFollowed() throws Exception {
    InProcessHttp.Answer answer = InProcess.get(techdocs, SITE + "link.html");
    assertEquals(404, answer.status());
    assertFalse(answer.text().contains("SECRET"));
  }

  @ParameterizedTest
  // A plain "../private/index.html" is resolved by the client and server into another entity's own
  // URL, which is no traversal; what is sent here must survive to the plugin or be refused before it.
  @ValueSource(strings = {"../../../../../secret.txt", "%2e%2e/private/index.html", "..%2f..%2fsecret.txt", "..%5cprivate%5cindex.html",
      "%2fetc%2fpasswd", "index.html%00.png", "%2E%2E%2F%2E%2E%2F%2E%2E%2Fapi-docs%2Fsecret.txt"})
  void overTheWireNoTraversalReachesAnotherFile(String attack) throws Exception {
    HttpResponse<byte[]> answer = running.get("/static/docs/default/component/payments/" + attack, RunningTechDocs.USER);
    String body = new String(answer.body(), StandardCharsets.UTF_8);
    assertTrue(answer.statusCode() == 400 || answer.statusCode() == 404, attack + " answered " + answer.statusCode() + ": " + body);
    assertFalse(body.contains("SECRET"), body);
  }

  @Test
  void anSvgWithScriptIsServedSandboxed() throws Exception {
    InProcessHttp.Answer answer = InProcess.get(techdocs, SITE + "evil.svg");
    assertEquals(200, answer.status());
    assertEquals("image/svg+xml", answer.headers().get("Content-Type").get(0));
    assertTrue(answer.headers().get("Content-Security-Policy").get(0).endsWith("sandbox"));
    assertEquals("nosniff", answer.headers().get("X-Content-Type-Options").get(0));
    assertEquals("attachment", answer.headers().get("Content-Disposition").get(0));
  }

  /**
   * Through the shell a backend's CSP is replaced by the portal's (script-src 'self'), under which
   * a published page opened in a tab could load a script published beside it: pages are
   * attachments, never documents of the portal's origin.
   */
  @Test
  void aPageWithAScriptBesideItIsADownloadNotADocument() throws Exception {
    Path site = blobs.resolve("techdocs/default/component/payments");
    Files.writeString(site.resolve("trap.html"), "<script src=\"evil.js\"></script>");
    Files.writeString(site.resolve("evil.js"), "fetch('/api/catalog/entities')");
    InProcessHttp.Answer page = InProcess.get(techdocs, SITE + "trap.html");
    assertEquals("attachment", page.headers().get("Content-Disposition").get(0));
    assertTrue(page.headers().get("Content-Security-Policy").get(0).contains("default-src 'none'"));
  }

  @Test
  void filesOfUnlistedTypesAreDownloadsNotDocuments() throws Exception {
    for (String file : new String[] {"page.xhtml", "no-extension"}) {
      InProcessHttp.Answer answer = InProcess.get(techdocs, SITE + file);
      assertEquals(200, answer.status());
      assertEquals("application/octet-stream", answer.headers().get("Content-Type").get(0), file);
      assertEquals("nosniff", answer.headers().get("X-Content-Type-Options").get(0));
    }
  }

  @Test
  void theLegitimatePageIsStillServed() throws Exception {
    assertEquals("<h1>public docs</h1>", InProcess.get(techdocs, SITE + "index.html").text());
  }
}
