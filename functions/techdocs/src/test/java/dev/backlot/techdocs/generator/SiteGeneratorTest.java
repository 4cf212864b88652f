package dev.backlot.techdocs.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The built-in generator on examples/' checkout service docs, page by page, and on hostile sources. */
class SiteGeneratorTest {
  static final Path EXAMPLE = Path.of("../../examples/systems/checkout-service");

  static Map<String, byte[]> read(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return files;
  }

  private final GeneratedSite site;

  SiteGeneratorTest() throws IOException {
    site = new SiteGenerator(GeneratorLimits.DEFAULT).generate(read(EXAMPLE),
        Optional.of("https://github.com/acme/checkout-service/edit/main/"));
  }

  private String page(String path) {
    byte[] bytes = site.files().get(path);
    assertTrue(bytes != null, path + " is missing; the site has " + site.files().keySet());
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void laysOutPagesAsMkdocsDoesWithTheImageCopied() {
    assertEquals(List.of("architecture/index.html", "images/checkout-flow.svg", "index.html", "operations/configuration/index.html",
        "operations/runbook/index.html", "search/search_index.json"), List.copyOf(site.files().keySet()));
    assertEquals("Checkout service", site.siteName());
    assertEquals(Map.of(), site.brokenLinks());
  }

  @Test
  void theHomePageHasItsTitleTableTaskListImageAndAdmonition() {
    String home = page("index.html");
    assertTrue(home.contains("<title>Checkout service</title>"), home);
    assertTrue(home.contains("<h1 id=\"checkout-service\">Checkout service</h1>"), home);
    assertTrue(home.contains("<th align=\"right\">Typical latency</th>"), home);
    assertTrue(home.contains("<td>Charge the customer</td>"), home);
    assertTrue(home.contains("<input type=\"checkbox\" disabled=\"\" checked=\"\">"), home);
    assertTrue(home.contains("<img src=\"images/checkout-flow.svg\" alt=\"How a cart becomes an order\""), home);
    assertTrue(home.contains("<div class=\"admonition note\"><p class=\"admonition-title\">On call</p>"), home);
    assertTrue(home.contains("<a href=\"operations/runbook/\">runbook</a>"), home);
    assertTrue(home.contains("<a href=\"architecture/#talking-to-payments\">payments API</a>"), home);
    assertTrue(home.contains("href=\"https://github.com/acme/checkout-service/edit/main/docs/index.md\" title=\"Edit this page\""), home);
  }

  @Test
  void theNavFollowsMkdocsYmlWithTheCurrentPageMarked() {
    String runbook = page("operations/runbook/index.html");
    assertTrue(runbook.contains("<a class=\"md-nav__link\" href=\"../../\">Overview</a>"), runbook);
    assertTrue(runbook.contains("<span class=\"md-nav__link\">Operations</span>"), runbook);
    assertTrue(runbook.contains("<a class=\"md-nav__link md-nav__link--active\" href=\"./\">Runbook</a>"), runbook);
    assertTrue(runbook.contains("<a class=\"md-nav__link\" href=\"../configuration/\">Configuration</a>"), runbook);
    assertTrue(runbook.indexOf(">Overview<") < runbook.indexOf(">Architecture<") && runbook.indexOf(">Architecture<") < runbook.indexOf(">Runbook<"));
  }

  @Test
  void pagesDeeperDownLinkBackUpAndCollapseTheirDetails() {
    String runbook = page("operations/runbook/index.html");
    assertTrue(runbook.contains("<title>Runbook - Checkout service</title>"), runbook);
    assertTrue(runbook.contains("<a href=\"../../\">overview</a>"), runbook);
    assertTrue(runbook.contains("<details class=\"tip\"><summary>Rolling back the database</summary>"), runbook);
    assertTrue(runbook.contains("<code>CheckoutErrorRate</code>"), runbook);
    String configuration = page("operations/configuration/index.html");
    assertTrue(configuration.contains("<del>The old <code>PAYMENT_URL</code> variable</del>"), configuration);
  }

  @Test
  void fencedCodeIsMarkedWithItsLanguage() {
    String architecture = page("architecture/index.html");
    assertTrue(architecture.contains("<pre class=\"highlight\" data-lang=\"java\"><code class=\"language-java\">PaymentRequest request"), architecture);
    assertTrue(architecture.contains("<div class=\"admonition warning\"><p class=\"admonition-title\">Warning</p>"), architecture);
    assertTrue(architecture.contains("<a href=\"../operations/configuration/\">configuration</a>"), architecture);
    assertTrue(architecture.contains("<h2 id=\"talking-to-payments\">Talking to payments</h2>"), architecture);
  }

  @Test
  void theSearchIndexHasEveryPageInMkdocsFormat() throws Exception {
    JsonNode index = Json.MAPPER.readTree(site.files().get("search/search_index.json"));
    assertEquals(4, index.path("docs").size());
    JsonNode first = index.path("docs").get(0);
    assertEquals("architecture/", first.path("location").asText());
    assertEquals("Architecture", first.path("title").asText());
    assertTrue(first.path("text").asText().contains("idempotency key"));
  }

  @Test
  void scriptUrlsAreDroppedAndLinksOutOfTheDocsFolderGoNowhere() {
    Map<String, byte[]> source = Map.of("mkdocs.yml", "site_name: x".getBytes(),
        "docs/index.md", "[a](javascript:alert(1)) [b](../../secret.md) ![c](../mkdocs.yml) [d](missing.md)".getBytes());
    GeneratedSite built = new SiteGenerator(GeneratorLimits.DEFAULT).generate(source, Optional.empty());
    String home = new String(built.files().get("index.html"), StandardCharsets.UTF_8);
    assertFalse(home.contains("javascript:"), home);
    assertFalse(home.contains("secret"), home);
    assertFalse(home.contains("mkdocs.yml"), home);
    assertEquals(List.of("../../secret.md", "../mkdocs.yml", "missing.md"), built.brokenLinks().get("index.md"));
  }

  @Test
  void sourcesBeyondTheLimitsAreRefused() {
    GeneratorLimits small = new GeneratorLimits(2, 100, 3, 250);
    SiteGenerator generator = new SiteGenerator(small);
    Map<String, byte[]> tooManyPages = Map.of("mkdocs.yml", "site_name: x".getBytes(), "docs/a.md", new byte[1], "docs/b.md", new byte[1],
        "docs/c.md", new byte[1]);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> generator.generate(tooManyPages, Optional.empty())).getMessage().contains("3 pages"));
    Map<String, byte[]> bigPage = Map.of("mkdocs.yml", "site_name: x".getBytes(), "docs/a.md", new byte[101]);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> generator.generate(bigPage, Optional.empty())).getMessage().contains("larger than 100"));
    Map<String, byte[]> bigSite = Map.of("mkdocs.yml", "site_name: x".getBytes(), "docs/a.md", new byte[100], "docs/b.png", new byte[200]);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> generator.generate(bigSite, Optional.empty())).getMessage().contains("250 bytes"));
  }

  @Test
  void aSourceWithoutMkdocsYmlOrSiteNameIsRefusedWithAReason() {
    SiteGenerator generator = new SiteGenerator(GeneratorLimits.DEFAULT);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> generator.generate(Map.of("docs/index.md", new byte[1]), Optional.empty()))
        .getMessage().contains("no mkdocs.yml"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> generator.generate(Map.of("mkdocs.yml", "nav: []".getBytes()), Optional.empty()))
        .getMessage().contains("site_name"));
  }
}
