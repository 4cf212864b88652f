package dev.backlot.catalog.ingestion;

import dev.backlot.catalog.ingestion.rules.CatalogRules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.config.Config;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The analysis of "register an existing component", on URLs shaped to make pattern matching backtrack. */
class LocationAnalyzerTest {
  /** Nothing may be read, so each analysis ends in a suggestion made from the URL alone. */
  private final LocationAnalyzer analyzer = new LocationAnalyzer(
      new LocationProcessor(List.of(new UrlLocationReader(ReadingAllowList.of(Config.empty()), FileSizeLimit.fromConfig(Config.empty()))), CatalogRules.defaults()));

  /**
   * The attack: a URL of runs that backtracking patterns retry from every position (slashes before
   * the end, separators inside the name), quadratic work: 40k characters took 5 to 21 s. At 3 million
   * characters that is hours; in linear time, milliseconds. The timeout only keeps a regression from
   * hanging the build; it is no measure.
   */
  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aHugeAdversarialUrlIsAnalyzedInLinearTime() {
    String target = "https://example.com/" + "/".repeat(1_000_000) + "repo/" + "-".repeat(1_000_000) + "payments" + "-".repeat(1_000_000) + "x";

    LocationAnalyzer.Analysis analysis = analyzer.analyze(new LocationSpec("url", target), LocationAnalyzer.DEFAULT_FILENAME);

    assertEquals(List.of(), analysis.entities());
    assertTrue(analysis.catalogFile().target().endsWith("-x/catalog-info.yaml"), "the file looked at is in the folder the URL names");
    assertEquals("payments", analysis.suggestion().at("/metadata/name").asText(), "cut to 63 characters, then trimmed to a valid name");
  }

  @Test
  void aRepositorysNameBecomesTheSuggestedComponentsName() {
    assertEquals("payments", name("https://example.com/acme/payments.git"));
    assertEquals("payments", name("https://example.com/acme/payments///"));
    assertEquals("my-service_2", name("https://example.com/acme/--my%20service_2--"));
    assertEquals("component", name("https://example.com/acme/---"));
  }

  private String name(String repository) {
    return analyzer.analyze(new LocationSpec("url", repository), LocationAnalyzer.DEFAULT_FILENAME).suggestion().at("/metadata/name").asText();
  }
}
