package dev.backlot.apidocs.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.backlot.apidocs.Specs;
import dev.backlot.apidocs.validation.DefinitionValidator;
import dev.backlot.apidocs.validation.Limits;
import dev.backlot.apidocs.validation.Validation;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.blob.Blob;
import dev.backlot.platform.blob.GcsBlobStore;
import dev.backlot.platform.db.Database;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.TestDatabase;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Versioning on both databases, with definitions in Cloud Storage: the GCS blob store against the
 * fake that speaks the storage API. Each test names its own APIs, so they share one database.
 */
class DefinitionStoreTest {
  private static final DefinitionValidator VALIDATOR = new DefinitionValidator(Limits.DEFAULT);
  private static final AtomicInteger APIS = new AtomicInteger();

  private record Fixture(DefinitionStore store, Storage gcs, Database database) implements AutoCloseable {
    @Override
    public void close() {
      database.close();
    }
  }

  private static Fixture fixture(TestDatabase db) {
    Database database = Database.connect(db.jdbcUrl());
    dev.backlot.platform.db.Migrations.apply(database, DefinitionStoreTest.class.getClassLoader(), Plugin.MIGRATIONS);
    Storage gcs = LocalStorageHelper.customOptions(false).getService();
    return new Fixture(new DefinitionStore(database, new GcsBlobStore(gcs, "backlot-docs", "api-docs")), gcs, database);
  }

  private static ApiRef newApi() {
    return new ApiRef("default", "petstore-" + APIS.incrementAndGet());
  }

  private static Validation validation(byte[] content) {
    return VALIDATOR.validate(content, null);
  }

  @DatabaseTest
  void theSameContentIsOneVersionStoredOnce(TestDatabase db) {
    try (Fixture f = fixture(db)) {
      ApiRef api = newApi();
      byte[] spec = Specs.bytes("petstore-3.0.yaml");
      DefinitionStore.Saved first = f.store().save(api, spec, validation(spec), "upload:plugin:ci");
      DefinitionStore.Saved again = f.store().save(api, spec, validation(spec), "catalog");
      assertTrue(first.created());
      assertFalse(again.created());
      assertEquals(first.version().version(), again.version().version());
      assertEquals(ContentHash.of(spec), first.version().version());
      assertEquals(1, f.store().versions(api).size());
      assertEquals("upload:plugin:ci", again.version().source(), "the first submission's metadata stays");
      // One object, named by the content hash, under the plugin's prefix in the bucket.
      com.google.cloud.storage.Blob object = f.gcs().get(BlobId.of("backlot-docs", "api-docs/apis/default/" + api.name() + "/" + ContentHash.of(spec)));
      assertEquals("api:default/" + api.name(), object.getMetadata().get("entityRef"));
      assertEquals("openapi", object.getMetadata().get("format"));
      assertEquals("3.0.3", object.getMetadata().get("specVersion"));
      assertEquals("upload:plugin:ci", object.getMetadata().get("source"));
      assertTrue(object.getMetadata().containsKey("createdAt"));
    }
  }

  @DatabaseTest
  void theLatestIsTheLastSubmittedEvenWhenItIsAnOlderContent(TestDatabase db) {
    try (Fixture f = fixture(db)) {
      ApiRef api = newApi();
      byte[] v1 = Specs.bytes("petstore-3.0.yaml");
      byte[] v2 = Specs.bytes("petstore-optional-field.yaml");
      f.store().save(api, v1, validation(v1), "catalog");
      f.store().save(api, v2, validation(v2), "catalog");
      assertEquals(ContentHash.of(v2), f.store().version(api, DefinitionStore.LATEST).orElseThrow().version());
      assertEquals("1.1.0", f.store().version(api, DefinitionStore.LATEST).orElseThrow().apiVersion());
      f.store().save(api, v1, validation(v1), "catalog");
      assertEquals(ContentHash.of(v1), f.store().version(api, DefinitionStore.LATEST).orElseThrow().version(), "rolled back");
      List<VersionInfo> versions = f.store().versions(api);
      assertEquals(List.of(ContentHash.of(v1), ContentHash.of(v2)), versions.stream().map(VersionInfo::version).toList());
      DefinitionStore.ApiSummary listed = f.store().apis(500, 0).stream()
          .filter(a -> a.entityRef().equals(api.toString())).findFirst().orElseThrow();
      assertEquals(2, listed.versionCount());
      assertEquals(ContentHash.of(v1), listed.latest().version());
    }
  }

  @DatabaseTest
  void aListingAmongGivenRefsPagesThroughThoseOnlyInTheDatabase(TestDatabase db) {
    try (Fixture f = fixture(db)) {
      byte[] spec = Specs.bytes("petstore-3.0.yaml");
      List<ApiRef> apis = List.of(newApi(), newApi(), newApi(), newApi());
      apis.forEach(api -> f.store().save(api, spec, validation(spec), "catalog"));
      List<String> readable = List.of(apis.get(0).toString(), apis.get(2).toString(), apis.get(3).toString(), "api:default/not-stored");
      List<String> all = f.store().apis(readable, 10, 0).stream().map(DefinitionStore.ApiSummary::entityRef).toList();
      assertEquals(readable.subList(0, 3).stream().sorted().toList(), all);
      // Pages are cut by the database among the readable refs: two, then the last one.
      assertEquals(all.subList(0, 2), f.store().apis(readable, 2, 0).stream().map(DefinitionStore.ApiSummary::entityRef).toList());
      assertEquals(all.subList(2, 3), f.store().apis(readable, 2, 2).stream().map(DefinitionStore.ApiSummary::entityRef).toList());
      assertEquals(List.of(), f.store().apis(List.of(), 10, 0));
    }
  }

  @DatabaseTest
  void eachVersionKeepsTheReportOfItsLatestValidation(TestDatabase db) {
    try (Fixture f = fixture(db)) {
      ApiRef api = newApi();
      byte[] spec = "openapi: 3.0.3\ninfo: {title: T}\npaths: {}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      Validation found = validation(spec);
      VersionInfo saved = f.store().save(api, spec, found, "catalog").version();
      assertEquals(1, saved.errorCount());
      com.fasterxml.jackson.databind.JsonNode report = f.store().report(saved).orElseThrow();
      assertEquals("info.version", report.at("/errors/0/location").asText());
      assertEquals("required property 'version' not found", report.at("/errors/0/message").asText());
      assertEquals(1, report.path("errorCount").asInt());

      // The same content validated again by other rules (a newer Backlot): its report and counts follow.
      Validation later = new Validation(found.format(), found.specVersion(), found.title(), found.apiVersion(), List.of(),
          List.of(new dev.backlot.apidocs.validation.Problem("now a warning", "info")), null);
      VersionInfo again = f.store().save(api, spec, later, "catalog").version();
      assertEquals(0, again.errorCount());
      assertEquals(1, again.warningCount());
      assertEquals("now a warning", f.store().report(again).orElseThrow().at("/warnings/0/message").asText());
      assertEquals(1, f.store().versions(api).size());
    }
  }

  @DatabaseTest
  void aReportListsAtMostTwoHundredProblemsAndCountsThemAll(TestDatabase db) {
    try (Fixture f = fixture(db)) {
      ApiRef api = newApi();
      byte[] spec = Specs.bytes("petstore-3.0.yaml");
      List<dev.backlot.apidocs.validation.Problem> many = java.util.stream.IntStream.range(0, 1000)
          .mapToObj(i -> new dev.backlot.apidocs.validation.Problem("problem " + i, "paths./p" + i)).toList();
      Validation found = validation(spec);
      VersionInfo saved = f.store().save(api, spec, new Validation(found.format(), found.specVersion(), found.title(), found.apiVersion(),
          many, many, null), "catalog").version();
      com.fasterxml.jackson.databind.JsonNode report = f.store().report(saved).orElseThrow();
      assertEquals(1000, saved.errorCount());
      assertEquals(1000, report.path("errorCount").asInt());
      assertEquals(200, report.path("errors").size());
      assertEquals(200, report.path("warnings").size());
    }
  }

  @DatabaseTest
  void aFiveMegabyteDefinitionRoundTrips(TestDatabase db) {
    try (Fixture f = fixture(db)) {
      ApiRef api = newApi();
      byte[] large = Specs.large(5 * 1024 * 1024, 7);
      VersionInfo saved = f.store().save(api, large, validation(large), "catalog").version();
      Blob blob = f.store().content(saved).orElseThrow();
      assertArrayEquals(large, blob.content());
      assertEquals("application/yaml; charset=utf-8", blob.contentType());
      assertEquals(large.length, saved.sizeBytes());
      assertEquals(0, saved.errorCount());
    }
  }

  @DatabaseTest
  void unknownVersionsAndNamesThatAreNotHashesAreNotFound(TestDatabase db) {
    try (Fixture f = fixture(db)) {
      ApiRef api = newApi();
      assertTrue(f.store().version(api, DefinitionStore.LATEST).isEmpty());
      assertTrue(f.store().version(api, "../../etc/passwd").isEmpty());
      assertTrue(f.store().version(api, "0".repeat(64)).isEmpty());
      assertTrue(f.store().versions(api).isEmpty());
    }
  }

  @Test
  void refsThatCouldEscapeTheBucketPathAreRefused() {
    for (String ref : List.of("api:default/..", "api:../x", "api:default/a/b", "api:default/.hidden", "api:default/x\u0000y",
        "api:default/" + "a".repeat(64), "component:default/x", "api:default/", "api:default/-x", "api:default/x%2f..")) {
      assertThrows(IllegalArgumentException.class, () -> ApiRef.parse(ref), ref);
    }
    assertEquals("api:default/payments-api", ApiRef.parse("Payments-API").toString());
    assertEquals("api:team-a/orders.v2", ApiRef.parse("api:team-a/orders.v2").toString());
  }
}
