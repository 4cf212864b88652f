package dev.backlot.platform.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PluginManifestParserTest {
  private static final String SOURCE = "functions/catalog/plugin.yaml";

  private static PluginManifest parse(String yaml) {
    return PluginManifestParser.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), SOURCE);
  }

  private static PluginManifest fixture(String name) {
    try (InputStream in = PluginManifestParserTest.class.getResourceAsStream("/manifest/parser/" + name)) {
      return PluginManifestParser.parse(in, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void fullManifestKeepsEveryField() {
    PluginManifest m = fixture("full.yaml");

    assertEquals("catalog", m.id());
    assertEquals("dev.backlot.catalog.CatalogFunction", m.entryPoint());
    assertEquals("/api/catalog", m.routePrefix());
    assertTrue(m.database());
    assertTrue(m.blobStore());
    assertEquals(List.of("github-token", "catalog-webhook-key"), m.secrets());
    assertEquals(List.of("catalog.locations", "catalog.rules", "integrations.github"), m.settings());
    assertEquals("/entities?limit=1", m.smokeTest());
    assertEquals(new PluginManifest.Resources("1Gi", "2", 1, 20, 40), m.resources());
  }

  @Test
  void minimalManifestGetsTheDefaults() {
    PluginManifest m = fixture("minimal.yaml");

    assertEquals("search", m.id());
    assertEquals("/api/search", m.routePrefix());
    assertEquals(false, m.database());
    assertEquals(false, m.blobStore());
    assertEquals(List.of(), m.secrets());
    assertEquals(List.of(), m.settings());
    assertEquals("/healthcheck", m.smokeTest());
    assertEquals(PluginManifest.Resources.DEFAULT, m.resources());
    assertEquals(new PluginManifest.Resources("512Mi", "1", 0, 10, 80), m.resources());
  }

  @Test
  void keysWithoutValueMeanTheDefault() {
    assertEquals(fixture("minimal.yaml"), fixture("explicit-nulls.yaml"));
  }

  @Test
  void partialResourcesKeepTheOtherDefaults() {
    PluginManifest m = parse("id: catalog\nentryPoint: a.B\nresources:\n  memory: 2Gi\n  maxInstances: 3\n");

    assertEquals(new PluginManifest.Resources("2Gi", "1", 0, 3, 80), m.resources());
  }

  @Test
  void schedulesAreParsed() {
    PluginManifest m = parse("id: catalog\nentryPoint: a.B\nschedules:\n  - {path: /refresh, everyMinutes: 5}\n  - {path: /sync, everyMinutes: 120}\n");
    assertEquals(List.of(new PluginManifest.Schedule("/refresh", 5), new PluginManifest.Schedule("/sync", 120)), m.schedules());
  }

  @ParameterizedTest(name = "every {0} minutes")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440})
  void everyIntervalACronStepRepeatsExactlyIsAccepted(int minutes) {
    PluginManifest m = parse("id: catalog\nentryPoint: a.B\nschedules:\n  - {path: /tick, everyMinutes: " + minutes + "}\n");

    assertEquals(List.of(new PluginManifest.Schedule("/tick", minutes)), m.schedules());
    assertEquals(0, minutes < 60 ? 60 % minutes : 1440 % minutes, "divides the hour or the day");
  }

  @Test
  void cpuMayBeANumberOrAString() {
    assertEquals("4", parse("id: catalog\nentryPoint: a.B\nresources: {cpu: 4, memory: 2Gi}\n").resources().cpu());
    assertEquals("4", parse("id: catalog\nentryPoint: a.B\nresources: {cpu: \"4\", memory: 2Gi}\n").resources().cpu());
    assertEquals("1", parse("id: catalog\nentryPoint: a.B\nresources: {cpu: ~}\n").resources().cpu(), "null means the default");
  }

  @Test
  void minimumEqualToMaximumIsAllowed() {
    PluginManifest m = parse("id: catalog\nentryPoint: a.B\nresources: {minInstances: 3, maxInstances: 3}\n");

    assertEquals(3, m.resources().minInstances());
    assertEquals(3, m.resources().maxInstances());
  }

  @Test
  void idsAtTheLengthLimitsAreAccepted() {
    assertEquals("ab", parse("id: ab\nentryPoint: a.B\n").id());
    String forty = "a" + "b".repeat(38) + "c";
    assertEquals(forty, parse("id: " + forty + "\nentryPoint: a.B\n").id());
  }

  @Test
  void listsAreImmutable() {
    PluginManifest m = fixture("full.yaml");

    assertThrows(UnsupportedOperationException.class, () -> m.secrets().add("x"));
    assertThrows(UnsupportedOperationException.class, () -> m.settings().clear());
  }

  static Stream<Arguments> invalidManifests() {
    String ok = "id: catalog\nentryPoint: dev.backlot.catalog.CatalogFunction\n";
    return Stream.of(
        Arguments.of("typo in a key", ok + "databse: true\n", "databse unknown key; known keys are [blobStore, database, entryPoint"),
        Arguments.of("typo in a resources key", ok + "resources:\n  memroy: 1Gi\n", "resources.memroy unknown key; known keys are [concurrency, cpu"),
        Arguments.of("missing id", "entryPoint: a.B\n", "id is required"),
        Arguments.of("a key given twice", ok + "database: true\ndatabase: false\n", "not valid YAML: Duplicate field 'database'"),
        Arguments.of("schedule every 90 minutes", ok + "schedules:\n  - {path: /refresh, everyMinutes: 90}\n",
            "schedules[0].everyMinutes must be one of [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440] "
                + "(a cron step repeats only an interval that divides the hour or the day), was '90'"),
        Arguments.of("schedule not dividing the hour", ok + "schedules:\n  - {path: /refresh, everyMinutes: 7}\n",
            "schedules[0].everyMinutes must be one of [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60"),
        Arguments.of("schedule in hours not dividing the day", ok + "schedules:\n  - {path: /a, everyMinutes: 5}\n  - {path: /b, everyMinutes: 300}\n",
            "schedules[1].everyMinutes must be one of"),
        Arguments.of("schedule longer than a day", ok + "schedules:\n  - {path: /refresh, everyMinutes: 2880}\n",
            "schedules[0].everyMinutes must be one of"),
        Arguments.of("schedule of zero minutes", ok + "schedules:\n  - {path: /refresh, everyMinutes: 0}\n",
            "schedules[0].everyMinutes must be one of"),
        Arguments.of("schedule as a string", ok + "schedules:\n  - {path: /refresh, everyMinutes: \"5\"}\n",
            "schedules[0].everyMinutes must be one of"),
        Arguments.of("schedule without a path", ok + "schedules:\n  - {everyMinutes: 5}\n", "schedules[0].path must be a path"),
        Arguments.of("schedule with an unknown key", ok + "schedules:\n  - {path: /x, everyMinutes: 5, cron: x}\n",
            "schedules[0].cron unknown key"),
        Arguments.of("a second document", ok + "---\nid: other\n", "must hold one YAML document, found more"),
        Arguments.of("uppercase id", "id: Catalog\nentryPoint: a.B\n", "id must be lowercase letters, digits and '-', 2-40 characters, was 'Catalog'"),
        Arguments.of("id starting with a hyphen", "id: -catalog\nentryPoint: a.B\n", "id must be lowercase letters"),
        Arguments.of("id ending with a hyphen", "id: catalog-\nentryPoint: a.B\n", "id must be lowercase letters"),
        Arguments.of("one-character id", "id: c\nentryPoint: a.B\n", "id must be lowercase letters"),
        Arguments.of("41-character id", "id: " + "a".repeat(41) + "\nentryPoint: a.B\n", "id must be lowercase letters"),
        Arguments.of("id with an underscore", "id: api_docs\nentryPoint: a.B\n", "id must be lowercase letters"),
        Arguments.of("id that is a number", "id: 42\nentryPoint: a.B\n", "id must be lowercase letters, digits and '-', 2-40 characters, was '42'"),
        Arguments.of("id of the shell's /api/whoami", "id: whoami\nentryPoint: a.B\n",
            "id 'whoami' is reserved: the shell serves /api/whoami itself, so a plugin there would never be reached"),
        Arguments.of("id of the shell's /api/app/config", "id: app\nentryPoint: a.B\n", "id 'app' is reserved: the shell serves /api/app itself"),
        Arguments.of("missing entryPoint", "id: catalog\n", "entryPoint is required"),
        Arguments.of("entryPoint without a package", "id: catalog\nentryPoint: CatalogFunction\n", "entryPoint must be a fully qualified Java class name, was 'CatalogFunction'"),
        Arguments.of("entryPoint that is not a class name", "id: catalog\nentryPoint: dev.backlot.1catalog\n", "entryPoint must be a fully qualified Java class name"),
        Arguments.of("entryPoint with a method", "id: catalog\nentryPoint: dev.backlot.Catalog#service\n", "entryPoint must be a fully qualified Java class name"),
        Arguments.of("routePrefix of another plugin", ok + "routePrefix: /api/catalogue\n", "routePrefix must be '/api/catalog' (Backstage's path for plugin 'catalog'), was '/api/catalogue'"),
        Arguments.of("routePrefix with a trailing slash", ok + "routePrefix: /api/catalog/\n", "routePrefix must be '/api/catalog'"),
        Arguments.of("routePrefix that is not a string", ok + "routePrefix: [/api/catalog]\n", "routePrefix must be a string"),
        Arguments.of("database that is not a boolean", ok + "database: yes please\n", "database must be true or false, was 'yes please'"),
        Arguments.of("blobStore that is not a boolean", ok + "blobStore: 1\n", "blobStore must be true or false, was '1'"),
        Arguments.of("resources that is not a mapping", ok + "resources: large\n", "resources must be a mapping"),
        Arguments.of("memory in MB", ok + "resources:\n  memory: 512MB\n", "resources.memory must look like 512Mi or 1Gi, was '512MB'"),
        Arguments.of("memory without unit", ok + "resources:\n  memory: 512\n", "resources.memory must be a string"),
        Arguments.of("cpu Cloud Run does not offer", ok + "resources:\n  cpu: 3\n", "resources.cpu must be one of 1, 2, 4, 6, 8 (Cloud Run vCPUs), was '3'"),
        Arguments.of("fractional cpu", ok + "resources:\n  cpu: 0.5\n", "resources.cpu must be one of 1, 2, 4, 6, 8"),
        Arguments.of("negative minInstances", ok + "resources:\n  minInstances: -1\n", "resources.minInstances must be a whole number from 0 to 100, was '-1'"),
        Arguments.of("minInstances as a string", ok + "resources:\n  minInstances: \"2\"\n", "resources.minInstances must be a whole number from 0 to 100, was '2'"),
        Arguments.of("zero maxInstances", ok + "resources:\n  maxInstances: 0\n", "resources.maxInstances must be a whole number from 1 to 1000, was '0'"),
        Arguments.of("maxInstances below minInstances", ok + "resources:\n  minInstances: 5\n  maxInstances: 2\n", "resources.maxInstances must be at least minInstances (5), was 2"),
        Arguments.of("minInstances above the default maximum", ok + "resources:\n  minInstances: 11\n", "resources.maxInstances must be at least minInstances (11), was 10"),
        Arguments.of("zero concurrency", ok + "resources:\n  concurrency: 0\n", "resources.concurrency must be a whole number from 1 to 1000, was '0'"),
        Arguments.of("fractional concurrency", ok + "resources:\n  concurrency: 1.5\n", "resources.concurrency must be a whole number from 1 to 1000, was '1.5'"),
        Arguments.of("secrets that is not a list", ok + "secrets: github-token\n", "secrets must be a list"),
        Arguments.of("secrets that is a mapping", ok + "secrets:\n  github: github-token\n", "secrets must be a list"),
        Arguments.of("a secret listed twice", ok + "secrets: [github-token, okta, github-token]\n", "secrets[2] 'github-token' is listed twice"),
        Arguments.of("a secret id with a space", ok + "secrets: [\"github token\"]\n", "secrets[0] must be a Secret Manager secret id, was 'github token'"),
        Arguments.of("a secret that is not a string", ok + "secrets: [[github-token]]\n", "secrets[0] must be a Secret Manager secret id"),
        Arguments.of("settings that is not a list", ok + "settings: catalog.locations\n", "settings must be a list"),
        Arguments.of("a setting that is not a dotted key", ok + "settings: [catalog..locations]\n", "settings[0] must be a dotted config key such as catalog.locations, was 'catalog..locations'"),
        Arguments.of("a setting listed twice", ok + "settings: [a.b, a.b]\n", "settings[1] 'a.b' is listed twice"),
        Arguments.of("smokeTest without a leading slash", ok + "smokeTest: entities\n", "smokeTest must be a path such as /entities?limit=1, was 'entities'"),
        Arguments.of("smokeTest climbing out of the prefix", ok + "smokeTest: /../other/healthcheck\n", "smokeTest must be a path"),
        Arguments.of("smokeTest with a space", ok + "smokeTest: /entities?filter=a b\n", "smokeTest must be a path"),
        Arguments.of("smokeTest that is not a string", ok + "smokeTest: [/healthcheck]\n", "smokeTest must be a string"),
        Arguments.of("not YAML", "id: [catalog\nentryPoint: a.B\n", "not valid YAML"),
        Arguments.of("tab indentation", "id: catalog\nresources:\n\tmemory: 1Gi\n", "not valid YAML"),
        Arguments.of("empty file", "", "must be a mapping with at least id and entryPoint"),
        Arguments.of("only a comment", "# nothing yet\n", "must be a mapping with at least id and entryPoint"),
        Arguments.of("a scalar", "catalog\n", "must be a mapping with at least id and entryPoint"),
        Arguments.of("a list", "- id: catalog\n", "must be a mapping with at least id and entryPoint"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidManifests")
  void invalidManifestsAreRejectedNamingFileAndField(String description, String yaml, String expected) {
    InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> parse(yaml));

    assertTrue(e.getMessage().startsWith(SOURCE + ": "), () -> "names the file: " + e.getMessage());
    assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
  }
}
