package dev.backlot.techdocs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.backlot.platform.http.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Backstage's techdocs-backend reading routes through the real invoker, on a site in the publishers' layout. */
class ServingTest {
  private static CatalogStandIn catalog;
  private static RunningTechDocs techdocs;

  @BeforeAll
  static void start() throws Exception {
    catalog = new CatalogStandIn();
    catalog.put(Map.of("apiVersion", "backstage.io/v1alpha1", "kind", "Component",
        "metadata", Map.of("namespace", "default", "name", "Payments",
            "annotations", Map.of("backstage.io/techdocs-ref", "dir:.",
                "backstage.io/managed-by-location", "url:https://github.com/acme/payments/blob/main/catalog-info.yaml")),
        "spec", Map.of("type", "service", "owner", "team-a")));
    techdocs = RunningTechDocs.start(catalog.baseUrl(), Map.of());
    // As techdocs-cli publish writes it: the triplet lower-cased, the site below it.
    Path site = techdocs.sites().resolve("default/component/payments");
    Files.createDirectories(site.resolve("guide"));
    Files.writeString(site.resolve("index.html"), "<html><body><h1>Payments</h1></body></html>");
    Files.writeString(site.resolve("guide/index.html"), "<h1>Guide</h1>");
    Files.writeString(site.resolve("styles.css"), "body{color:red}");
    Files.write(site.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    
    Files.writeString(site.resolve("techdocs_metadata.json"),
        "{site_name: 'Payments', // JSON5, as Backstage reads it\n 'site_description': 'How we take money', files: ['index.html',],}");
  }

  @AfterAll
  static void stop() throws Exception {
    techdocs.close();
    catalog.close();
  }

  @Test
  void servesPagesWithTheirContentTypeAStrictCspAndRevalidation() throws Exception {
    HttpResponse<byte[]> page = techdocs.get("/static/docs/default/Component/Payments/index.html", RunningTechDocs.USER);
    assertEquals(200, page.statusCode());
    assertEquals("<html><body><h1>Payments</h1></body></html>", new String(page.body(), StandardCharsets.UTF_8));
    assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(csp.contains("default-src 'none'") && csp.contains("sandbox"), csp);
    assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
    assertEquals("attachment", page.headers().firstValue("Content-Disposition").orElseThrow(), "never rendered in the portal's origin");
    assertEquals("private, no-cache", page.headers().firstValue("Cache-Control").orElseThrow());
  }

  @Test
  void aFolderMeansItsIndexPage() throws Exception {
    assertEquals("<h1>Guide</h1>", new String(techdocs.get("/static/docs/default/component/payments/guide/", RunningTechDocs.USER).body(),
        StandardCharsets.UTF_8));
    assertEquals(200, techdocs.get("/static/docs/default/component/payments/", RunningTechDocs.USER).statusCode());
  }

  @Test
  void assetsHaveTheirTypesAndAShortFreshness() throws Exception {
    HttpResponse<byte[]> css = techdocs.get("/static/docs/default/component/payments/styles.css", RunningTechDocs.USER);
    assertEquals("text/css; charset=utf-8", css.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("private, max-age=300", css.headers().firstValue("Cache-Control").orElseThrow());
    assertTrue(css.headers().firstValue("Content-Security-Policy").isEmpty());
    HttpResponse<byte[]> png = techdocs.get("/static/docs/default/component/payments/logo.png", RunningTechDocs.USER);
    assertEquals("image/png", png.headers().firstValue("Content-Type").orElseThrow());
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, png.body());
    assertEquals("4", png.headers().firstValue("Content-Length").orElseThrow());
  }

  @Test
  void aMatchingEtagAnswers304WithoutABody() throws Exception {
    HttpResponse<byte[]> first = techdocs.get("/static/docs/default/component/payments/index.html", RunningTechDocs.USER);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertTrue(etag.startsWith("\"") && etag.endsWith("\""), etag);
    HttpResponse<byte[]> again = techdocs.get("/static/docs/default/component/payments/index.html", RunningTechDocs.USER, "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals(0, again.body().length);
    assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
    HttpResponse<byte[]> other = techdocs.get("/static/docs/default/component/payments/index.html", RunningTechDocs.USER, "If-None-Match", "\"other\"");
    assertEquals(200, other.statusCode());
  }

  @Test
  void aRepublishedFileGetsANewEtag() throws Exception {
    Path file = techdocs.sites().resolve("default/component/payments/changing.html");
    Files.writeString(file, "one");
    String before = techdocs.get("/static/docs/default/component/payments/changing.html", RunningTechDocs.USER).headers().firstValue("ETag").orElseThrow();
    Files.writeString(file, "two, longer");
    HttpResponse<byte[]> after = techdocs.get("/static/docs/default/component/payments/changing.html", RunningTechDocs.USER, "If-None-Match", before);
    assertEquals(200, after.statusCode());
    assertEquals("two, longer", new String(after.body(), StandardCharsets.UTF_8));
  }

  @Test
  void missingFilesAndSitesAre404InBackstagesErrorShape() throws Exception {
    HttpResponse<byte[]> missing = techdocs.get("/static/docs/default/component/payments/nope.html", RunningTechDocs.USER);
    assertEquals(404, missing.statusCode());
    assertEquals("NotFoundError", Json.MAPPER.readTree(missing.body()).path("error").path("name").asText());
    assertEquals(404, techdocs.get("/static/docs/default/component/unknown/index.html", RunningTechDocs.USER).statusCode());
    assertEquals(404, techdocs.get("/metadata/techdocs/default/component/unknown", RunningTechDocs.USER).statusCode());
  }

  @Test
  void siteMetadataIsTheJson5FileAsJson() throws Exception {
    HttpResponse<byte[]> answer = techdocs.get("/metadata/techdocs/default/Component/Payments", RunningTechDocs.USER);
    assertEquals(200, answer.statusCode());
    JsonNode metadata = Json.MAPPER.readTree(answer.body());
    assertEquals("Payments", metadata.path("site_name").asText());
    assertEquals("How we take money", metadata.path("site_description").asText());
    assertEquals(List.of("index.html"), List.of(metadata.path("files").get(0).asText()));
  }

  @Test
  void entityMetadataComesFromTheCatalogWithThePluginsOwnToken() throws Exception {
    HttpResponse<byte[]> answer = techdocs.get("/metadata/entity/default/Component/payments", RunningTechDocs.USER);
    assertEquals(200, answer.statusCode());
    JsonNode entity = Json.MAPPER.readTree(answer.body());
    assertEquals("Payments", entity.path("metadata").path("name").asText());
    assertEquals("url", entity.path("locationMetadata").path("type").asText());
    assertEquals("https://github.com/acme/payments/blob/main/catalog-info.yaml", entity.path("locationMetadata").path("target").asText());
    SignedJWT token = SignedJWT.parse(catalog.lastAuthorization.get().substring("Bearer ".length()));
    assertEquals("plugin:techdocs", token.getJWTClaimsSet().getSubject());
    assertEquals(404, techdocs.get("/metadata/entity/default/component/nobody", RunningTechDocs.USER).statusCode());
  }

  @Test
  void aCatalogThatCannotBeReadIs503() throws Exception {
    catalog.up = false;
    try {
      assertEquals(503, techdocs.get("/metadata/entity/default/component/payments", RunningTechDocs.USER).statusCode());
    } finally {
      catalog.up = true;
    }
  }

  @Test
  void everyRouteNeedsASignedInCaller() throws Exception {
    for (String path : List.of("/static/docs/default/component/payments/index.html", "/metadata/techdocs/default/component/payments",
        "/metadata/entity/default/component/payments")) {
      assertEquals(401, techdocs.get(path, "Bearer not-a-token").statusCode(), path);
    }
  }

  @Test
  void legacyCasingKeepsTheTripletAsWritten() throws Exception {
    Path blobs = Files.createTempDirectory("legacy");
    try (CatalogStandIn none = new CatalogStandIn()) {
      TechDocsFunction legacy = RunningTechDocs.inProcess(blobs, none.baseUrl(), Map.of("legacyUseCaseSensitiveTripletPaths", true));
      Path site = blobs.resolve("techdocs/default/Component/Payments");
      Files.createDirectories(site);
      Files.writeString(site.resolve("index.html"), "legacy");
      assertEquals(200, InProcess.get(legacy, "/api/techdocs/static/docs/default/Component/Payments/index.html").status());
      assertEquals(404, InProcess.get(legacy, "/api/techdocs/static/docs/default/component/payments/index.html").status());
    }
  }
}
