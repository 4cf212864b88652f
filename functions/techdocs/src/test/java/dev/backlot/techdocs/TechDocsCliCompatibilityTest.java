package dev.backlot.techdocs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.http.Json;
import dev.backlot.testing.Executables;
import dev.backlot.testing.NodeProject;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Backstage's recommended set-up end to end: a site built by real mkdocs (Debian's mkdocs and
 * mkdocs-material; the Python techdocs-core plugin is not packaged, so mkdocs builds directly with
 * the material theme and techdocs_metadata.json is added as techdocs-cli generate adds it) is
 * published by the real techdocs-cli (npm, pinned in src/test/node/techdocs-cli) with
 * {@code --publisher-type googleGcs} to the Cloud Storage stand-in, and Backlot serves it from
 * there. Skipped, saying why, where mkdocs or node is missing.
 */
class TechDocsCliCompatibilityTest {
  private static final String BUCKET = "acme-backlot-docs";

  @Test
  void aSitePublishedByTechdocsCliToCloudStorageIsServed() throws Exception {
    Optional<Path> mkdocs = Executables.onPath("mkdocs");
    Assumptions.assumeTrue(mkdocs.isPresent(), "mkdocs is not on PATH (apt-get install mkdocs mkdocs-material): techdocs-cli was not run");
    Optional<NodeProject> cli = NodeProject.in(Path.of("src/test/node/techdocs-cli"));
    Assumptions.assumeTrue(cli.isPresent(), NodeProject.unavailable() + ": techdocs-cli was not run");

    Path work = Files.createTempDirectory("techdocs-cli");
    Path source = copyExample(work.resolve("checkout-service"));
    Path site = work.resolve("site");
    run(List.of(mkdocs.get().toString(), "build", "--clean", "--site-dir", site.toString()), source);
    Files.writeString(site.resolve("techdocs_metadata.json"), Json.MAPPER.writeValueAsString(Map.of(
        "site_name", "Checkout service", "site_description", "How checkout turns carts into orders, and how to run it.",
        "etag", "mkdocs-build-1", "build_timestamp", System.currentTimeMillis(), "files", files(site))));

    try (GcsStandIn gcs = new GcsStandIn(); CatalogStandIn catalog = new CatalogStandIn()) {
      NodeProject.Result published = cli.get().install().node("node_modules/@techdocs/cli/bin/techdocs-cli",
          List.of("publish", "--publisher-type", "googleGcs", "--storage-name", BUCKET, "--entity", "default/Component/checkout-service",
              "--gcsBucketRootPath", "techdocs", "--directory", site.toString()),
          Map.of("STORAGE_EMULATOR_HOST", gcs.endpoint()));
      assertEquals(0, published.exitCode(), published.output());
      // Backstage's layout: the triplet lower-cased below the root path, the metadata written last.
      assertTrue(gcs.object(BUCKET, "techdocs/default/component/checkout-service/index.html").isPresent(), gcs.names(BUCKET).toString());
      assertTrue(gcs.object(BUCKET, "techdocs/default/component/checkout-service/techdocs_metadata.json").isPresent());
      List<String> uploads = gcs.requests.stream().filter(r -> r.startsWith("POST /upload/")).toList();
      assertEquals(files(site).size() + 1, uploads.size(), "one upload per file, techdocs_metadata.json too");

      try (RunningTechDocs techdocs = RunningTechDocs.onGcs(catalog.baseUrl(), gcs.endpoint(), BUCKET)) {
        JsonNode metadata = Json.MAPPER.readTree(techdocs.get("/metadata/techdocs/default/Component/checkout-service", RunningTechDocs.USER).body());
        assertEquals("Checkout service", metadata.path("site_name").asText());
        assertEquals("mkdocs-build-1", metadata.path("etag").asText());

        for (String page : List.of("index.html", "operations/runbook/index.html", "search/search_index.json")) {
          HttpResponse<byte[]> served = techdocs.get("/static/docs/default/Component/checkout-service/" + page, RunningTechDocs.USER);
          assertEquals(200, served.statusCode(), page);
          assertArrayEquals(Files.readAllBytes(site.resolve(page)), served.body(), page + " is served as mkdocs wrote it");
        }
        HttpResponse<byte[]> runbook = techdocs.get("/static/docs/default/component/checkout-service/operations/runbook/", RunningTechDocs.USER);
        assertEquals("text/html; charset=utf-8", runbook.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(runbook.headers().firstValue("Content-Security-Policy").orElseThrow().contains("sandbox"));
        String html = new String(runbook.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("md-nav--primary") && html.contains("<details class=\"tip\">"), "mkdocs-material's markup");

        String css = files(site).stream().filter(f -> f.startsWith("assets/stylesheets/") && f.endsWith(".css")).findFirst().orElseThrow();
        HttpResponse<byte[]> stylesheet = techdocs.get("/static/docs/default/component/checkout-service/" + css, RunningTechDocs.USER);
        assertEquals("text/css; charset=utf-8", stylesheet.headers().firstValue("Content-Type").orElseThrow());
        String etag = stylesheet.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, techdocs.get("/static/docs/default/component/checkout-service/" + css, RunningTechDocs.USER, "If-None-Match", etag).statusCode());
        assertEquals(400, techdocs.get("/static/docs/default/component/checkout-service/%2e%2e/%2e%2e/secret", RunningTechDocs.USER).statusCode());
      }
    }
  }

  /** examples/' checkout docs, with mkdocs.yml set for plain mkdocs: the material theme instead of techdocs-core. */
  private static Path copyExample(Path target) throws Exception {
    Path example = Path.of("../../examples/systems/checkout-service");
    try (Stream<Path> walk = Files.walk(example)) {
      for (Path file : walk.toList()) {
        Path to = target.resolve(example.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else {
          Files.copy(file, to);
        }
      }
    }
    String config = Files.readString(target.resolve("mkdocs.yml"));
    Files.writeString(target.resolve("mkdocs.yml"), config.replace("plugins:\n  - techdocs-core\n", """
        theme:
          name: material
        markdown_extensions:
          - admonition
          - tables
          - toc:
              permalink: true
          - pymdownx.details
          - pymdownx.tasklist
          - pymdownx.tilde
        """));
    return target;
  }

  private static List<String> files(Path site) throws Exception {
    List<String> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(site)) {
      walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("techdocs_metadata.json"))
          .forEach(f -> files.add(site.relativize(f).toString().replace(File.separatorChar, '/')));
    }
    files.sort(null);
    return files;
  }

  private static void run(List<String> command, Path dir) throws Exception {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    // A guard against a hung tool, not a timing check.
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
  }
}
