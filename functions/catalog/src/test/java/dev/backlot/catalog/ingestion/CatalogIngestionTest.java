package dev.backlot.catalog.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.Examples;
import dev.backlot.catalog.ingestion.rules.CatalogRules;
import dev.backlot.catalog.storage.EntityFilter;
import dev.backlot.catalog.storage.EntityOrder;
import dev.backlot.catalog.storage.EntityStore;
import dev.backlot.catalog.storage.LocationStore;
import dev.backlot.catalog.storage.RefreshLeases;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The sample organisation in examples/, ingested into both databases and queried back. */
class CatalogIngestionTest {
  private static final Path EXAMPLES = Path.of("../../examples").toAbsolutePath().normalize();
  private static final PluginManifest MANIFEST = new PluginManifest("catalog", "x.C", "/api/catalog", true, false,
      List.of(), List.of(), "/healthcheck", List.of(), PluginManifest.Resources.DEFAULT);

  private record Catalog(Path dir, EntityStore store, LocationRefresh locations, Database database) implements AutoCloseable {
    /** Refreshes the sample location now, due or not. */
    LocationRefresh.Outcome refresh() {
      return locations.refresh(new LocationSpec("file", "all.yaml")).orElseThrow();
    }

    List<String> names(String... filters) {
      return store.list(EntityFilter.parse(List.of(filters)), 1000, 0).stream()
          .map(e -> e.path("metadata").path("name").asText()).toList();
    }

    List<String> ordered(String filter, String order) {
      return store.list(EntityFilter.parse(List.of(filter)), EntityOrder.parse(List.of(order)), 1000, 0).stream()
          .map(e -> e.path("metadata").path("name").asText()).toList();
    }

    @Override
    public void close() {
      database.close();
    }
  }

  /** A fresh database (tables emptied) and a private copy of examples/ to change. */
  private static Catalog catalog(TestDatabase db, Path tmp) throws Exception {
    return catalog(db, tmp, Map.of());
  }

  /** The same, configured by {@code catalogConfig} (examples/ as app-config.yaml has it, unless it names the locations). */
  private static Catalog catalog(TestDatabase db, Path tmp, Map<String, Object> catalogConfig) throws Exception {
    Path dir = Files.createTempDirectory(tmp, "examples");
    try (Stream<Path> files = Files.walk(EXAMPLES)) {
      for (Path file : files.toList()) {
        Path target = dir.resolve(EXAMPLES.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    emptyTables(db);
    return catalogReading(db, dir, catalogConfig);
  }

  /** A catalog on the database as it is, reading the files in {@code dir}, configured by {@code catalogConfig}. */
  private static Catalog catalogReading(TestDatabase db, Path dir, Map<String, Object> catalogConfig) {
    Map<String, Object> settings = new java.util.HashMap<>(catalogConfig);
    settings.putIfAbsent("locations", List.of(Examples.location("all.yaml")));
    return catalogReading(db, dir, Config.of(Map.of("catalog", settings)));
  }

  private static Catalog catalogReading(TestDatabase db, Path dir, Config config) {
    Database database = Database.connect(db.jdbcUrl());
    EntityStore store = new EntityStore(database);
    FileLocationReader files = FileLocationReader.fromConfig(config, dir);
    LocationProcessor processor = new LocationProcessor(List.of(files), CatalogRules.fromConfig(config, files::canonical));
    return new Catalog(dir, store, new LocationRefresh(config, new LocationStore(database), processor, store, new RefreshLeases(database)), database);
  }

  private static void emptyTables(TestDatabase db) throws Exception {
    try (Database database = Database.connect(db.jdbcUrl())) {
      Plugin.withDatabase(MANIFEST, Config.empty(), database, CatalogIngestionTest.class.getClassLoader());
      try (Connection c = database.connection(); Statement s = c.createStatement()) {
        for (String table : List.of("search", "relations", "final_entities", "processing_errors", "location_leases")) {
          s.execute("DELETE FROM " + table);
        }
      }
    }
  }

  @DatabaseTest
  void theSampleOrganisationIngestsWithoutErrors(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Catalog catalog = catalog(db, tmp)) {
      LocationRefresh.Outcome outcome = catalog.refresh();
      assertEquals(List.of(), outcome.errors());
      assertEquals(26, outcome.written(), "24 entities, the examples' Location and the generated one");
      ObjectNode api = catalog.store().byRef("api:default/payments-api").orElseThrow();
      assertTrue(api.at("/spec/definition").asText().startsWith("openapi: 3.0.3"), "$text placeholder resolved");
      assertEquals("file:" + catalog.dir().resolve("systems/payments.yaml"),
          api.at("/metadata/annotations/backstage.io~1managed-by-location").asText());
      assertEquals("file:" + catalog.dir().resolve("all.yaml"),
          api.at("/metadata/annotations/backstage.io~1managed-by-origin-location").asText());
    }
  }

  @DatabaseTest
  void filtersFollowBackstagesGrammar(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Catalog catalog = catalog(db, tmp)) {
      catalog.refresh();
      assertEquals(List.of("billing-worker", "checkout-service", "product-service", "recommendations"),
          catalog.names("kind=component,spec.type=service"));
      assertEquals(catalog.names("kind=component,spec.type=service"), catalog.names("KIND=Component,Spec.Type=SERVICE"),
          "keys and values ignore case");
      assertEquals(List.of("backlot", "billing-worker", "checkout-service"), catalog.names("kind=component,metadata.tags=java"),
          "an array element matches");
      assertEquals(List.of("payments-api", "web-shop"), catalog.names("kind=api,metadata.name=payments-api", "kind=component,spec.type=website,spec.system=storefront"),
          "repeated filters mean OR");
      assertEquals(List.of("billing-worker", "checkout-service"), catalog.names("kind=component,relations.ownedBy=group:default/payments-team"));
      assertEquals(List.of("payments-team"), catalog.names("kind=group,relations.ownerOf=component:default/checkout-service"),
          "reverse relations emitted by others count");
      assertEquals(List.of("ada.lovelace", "margaret.hamilton"), catalog.names("kind=user,relations.memberof=group:default/payments-team"));
      assertEquals(8, catalog.names("kind=component,kind=api").size(), "a key repeated in one filter matches any value");
      assertEquals(List.of(), catalog.names("kind="));
      assertEquals(List.of("web-shop", "recommendations", "product-service", "checkout-service", "billing-worker", "backlot"),
          catalog.ordered("kind=component", "desc:metadata.name"));
      List<String> bySystem = catalog.ordered("kind=component,kind=resource,kind=group", "asc:spec.system");
      assertEquals(java.util.Set.of("backlot", "backlot-sql"), java.util.Set.copyOf(bySystem.subList(0, 2)),
          "developer-platform sorts first; ties are broken by uid");
      assertEquals(java.util.Set.of("acme", "engineering", "payments-team", "platform-team", "storefront-team"),
          java.util.Set.copyOf(bySystem.subList(bySystem.size() - 5, bySystem.size())), "entities without the field come last");
      assertEquals(catalog.names("kind=system"), catalog.names("kind=system,spec.owner"), "a key alone means it exists");
      assertEquals(Map.of("spec.type", List.of(Map.of("value", "service", "count", 4L), Map.of("value", "website", "count", 2L)),
              "relations.partOf", List.of(Map.of("value", "system:default/developer-platform", "count", 1L),
                  Map.of("value", "system:default/payments", "count", 2L), Map.of("value", "system:default/storefront", "count", 3L))),
          catalog.store().facets(List.of("spec.type", "relations.partOf"), EntityFilter.parse(List.of("kind=component"))));
    }
  }

  @DatabaseTest
  void keysetPagesCoverEveryEntityOnceInOrder(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Catalog catalog = catalog(db, tmp)) {
      catalog.refresh();
      dev.backlot.catalog.storage.EntityQuery query = new dev.backlot.catalog.storage.EntityQuery(catalog.store());
      EntityFilter all = EntityFilter.parse(List.of());
      for (dev.backlot.catalog.storage.EntityQuery.Sort sort : java.util.Arrays.asList(
          null, new dev.backlot.catalog.storage.EntityQuery.Sort("metadata.name", true),
          new dev.backlot.catalog.storage.EntityQuery.Sort("spec.type", false),
          new dev.backlot.catalog.storage.EntityQuery.Sort("metadata.tags", true))) {
        List<String> walked = new java.util.ArrayList<>();
        dev.backlot.catalog.storage.EntityQuery.Position position = null;
        dev.backlot.catalog.storage.EntityQuery.Page page;
        do {
          page = query.page(dev.backlot.catalog.storage.QueryPlan.of(all, null, sort), position, 5);
          page.items().forEach(e -> walked.add(e.at("/metadata/uid").asText()));
          int last = page.items().size() - 1;
          position = last < 0 ? null : new dev.backlot.catalog.storage.EntityQuery.Position(page.values().get(last), page.ids().get(last), false);
        } while (page.more());
        assertEquals(26, walked.size(), "every entity once with sort " + sort);
        assertEquals(26, java.util.Set.copyOf(walked).size(), "no entity twice with sort " + sort);
        // And back from the last one, page by page, in exactly the reverse order.
        List<String> back = new java.util.ArrayList<>();
        position = new dev.backlot.catalog.storage.EntityQuery.Position(page.values().get(page.items().size() - 1), page.ids().get(page.items().size() - 1), true);
        back.add(0, walked.get(25));
        do {
          page = query.page(dev.backlot.catalog.storage.QueryPlan.of(all, null, sort), position, 5);
          for (int i = page.items().size() - 1; i >= 0; i--) {
            back.add(0, page.items().get(i).at("/metadata/uid").asText());
          }
          position = page.items().isEmpty() ? null : new dev.backlot.catalog.storage.EntityQuery.Position(page.values().get(0), page.ids().get(0), true);
        } while (page.more());
        assertEquals(walked, back, "previous pages retrace the walk with sort " + sort);
      }
      assertEquals(4, query.count(dev.backlot.catalog.storage.QueryPlan.of(EntityFilter.parse(List.of("kind=component,spec.type=service")), null, null)));
      assertEquals(6, query.count(dev.backlot.catalog.storage.QueryPlan.of(EntityFilter.parse(List.of("kind=component,spec.type=service,spec.type=website")), null, null)));
      assertEquals(3, query.count(dev.backlot.catalog.storage.QueryPlan.of(EntityFilter.parse(List.of("kind=Component,metadata.tags=JAVA")), null, null)));
      assertEquals(4, query.count(dev.backlot.catalog.storage.QueryPlan.of(EntityFilter.parse(List.of("kind=api", "kind=component,spec.type=website")), null, null)));
      assertEquals(3, query.count(dev.backlot.catalog.storage.QueryPlan.of(EntityFilter.parse(List.of("metadata.tags.java")), null, null)), "an array item as a key, as Backstage matches it");
      assertEquals(3, query.count(dev.backlot.catalog.storage.QueryPlan.of(EntityFilter.parse(List.of("kind=component,metadata.tags.java=true")), null, null)));
      assertEquals(0, query.count(dev.backlot.catalog.storage.QueryPlan.of(EntityFilter.parse(List.of("metadata.tags.java=false")), null, null)), "an array item's value is true");
      assertEquals(26, query.count(dev.backlot.catalog.storage.QueryPlan.of(EntityFilter.fromPredicate(dev.backlot.platform.http.Json.MAPPER.readTree(
          "{\"$any\": [{\"kind\": \"api\"}, {\"kind\": {\"$exists\": true}}]}")), null, null)), "an alternative that matches all");
      assertEquals(4, query.page(dev.backlot.catalog.storage.QueryPlan.of(EntityFilter.parse(List.of("kind=component,spec.type=service")), null,
          new dev.backlot.catalog.storage.EntityQuery.Sort("metadata.name", true)), null, 10).items().size());
      var facets = catalog.store().facets(List.of("spec.type", "metadata.tags"), EntityFilter.parse(List.of("kind=component")));
      assertEquals("[{service=4}, {website=2}]", counts(facets.get("spec.type")));
      assertEquals("[{go=1}, {grpc=1}, {java=3}, {ml=1}, {python=1}, {react=1}, {serverless=1}, {typescript=1}]", counts(facets.get("metadata.tags")));
      assertEquals(26, query.count(dev.backlot.catalog.storage.QueryPlan.of(all, null, null)));
      assertEquals(2, query.count(dev.backlot.catalog.storage.QueryPlan.of(EntityFilter.parse(List.of("kind=api")), null, null)));
      assertEquals(3, query.count(dev.backlot.catalog.storage.QueryPlan.of(all, new dev.backlot.catalog.storage.EntityQuery.FullText("payments-", List.of("metadata.name")), null)),
          "payments-team, payments-api, payments-db");
      assertEquals(0, query.count(dev.backlot.catalog.storage.QueryPlan.of(all, new dev.backlot.catalog.storage.EntityQuery.FullText("%", List.of("metadata.name")), null)),
          "LIKE wildcards in the term are literal");
    }
  }

  /** What the catalog says of a User that the rules keep out of the examples. */
  private static String refusal(Catalog catalog, String user) {
    return "Entity user:default/" + user + " at file:" + catalog.dir().resolve("org/users.yaml") + ", originated at file:"
        + catalog.dir().resolve("all.yaml") + ", is not of an allowed kind for that location";
  }

  @DatabaseTest
  void withoutRulesAConfigLocationBringsInComponentsApisAndLocationsOnly(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Catalog catalog = catalog(db, tmp, Map.of("locations", List.of(Map.of("type", "file", "target", "all.yaml"))))) {
      LocationRefresh.Outcome outcome = catalog.refresh();
      assertEquals(List.of(), catalog.names("kind=user"), "Backstage's default rules: [{allow: [Component, API, Location]}]");
      assertEquals(List.of(), catalog.names("kind=group,kind=system,kind=domain,kind=resource"));
      assertEquals(6, catalog.names("kind=component").size());
      assertEquals(2, catalog.names("kind=api").size());
      assertTrue(outcome.errors().contains(refusal(catalog, "grace.hopper")), outcome.errors().toString());
      ObjectNode examples = catalog.store().byRef("location:default/acme-example").orElseThrow();
      assertTrue(examples.get("status").toString().contains(refusal(catalog, "grace.hopper")),
          "shown on the Location that led to the file: " + examples);
    }
  }

  @DatabaseTest
  void aConfigLocationsOwnRulesLetItAloneBringInMoreKinds(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Catalog catalog = catalog(db, tmp, Map.of("locations", List.of(
        Examples.location("./org/../all.yaml"),
        Map.of("type", "file", "target", "stray.yaml"))))) {
      Files.writeString(catalog.dir().resolve("stray.yaml"), "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: stray}\n"
          + "spec: {memberOf: [platform-team]}\n");
      assertEquals(List.of(), catalog.refresh().errors(), "the target names all.yaml as its canonical path does");
      assertEquals(4, catalog.names("kind=user").size());
      LocationRefresh.Outcome stray = catalog.locations().refresh(new LocationSpec("file", "stray.yaml")).orElseThrow();
      assertEquals(1, stray.errors().size(), stray.errors().toString());
      assertTrue(stray.errors().get(0).startsWith("Entity user:default/stray at file:"), stray.errors().get(0));
      assertFalse(catalog.names("kind=user").contains("stray"), "another location's rules do not apply");
    }
  }

  @DatabaseTest
  void globalRulesApplyToTheLocationsTheyMatchByTypeAndExactTargetOrPattern(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Catalog examples = catalog(db, tmp, Map.of("locations", List.of()))) {
      Map<String, Integer> users = new java.util.LinkedHashMap<>();
      for (Map<String, Object> matcher : List.<Map<String, Object>>of(
          Map.of("type", "file", "pattern", "**/ALL.yaml"),
          Map.of("type", "file", "pattern", "/*/all.yaml"),
          Map.of("type", "url", "pattern", "**"),
          // Exact targets are compared with the location's canonical one: an absolute path for files.
          Map.of("type", "file", "exact", examples.dir().resolve("all.yaml").toString()),
          Map.of("type", "file", "exact", "all.yaml"))) {
        try (Catalog catalog = catalogReading(db, examples.dir(), Map.of(
            "locations", List.of(Map.of("type", "file", "target", "all.yaml")),
            "rules", List.of(Map.of("allow", List.of("Component", "API", "Location")),
                Map.of("allow", Examples.KINDS, "locations", List.of(matcher)))))) {
          catalog.refresh();
          String target = matcher.getOrDefault("pattern", matcher.get("exact")).toString().replace(examples.dir().toString(), "<dir>");
          users.put(matcher.get("type") + " " + target, catalog.names("kind=user").size());
        }
      }
      assertEquals("{file **/ALL.yaml=4, file /*/all.yaml=0, url **=0, file <dir>/all.yaml=4, file all.yaml=0}", users.toString(),
          "a glob ignoring case, whose * stays within a path segment; the type must match too");
    }
  }

  @DatabaseTest
  void anEntityTheRulesRefuseGoesEvenWhenPartOfTheLocationCannotBeRead(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Catalog catalog = catalog(db, tmp)) {
      catalog.refresh();
      assertEquals(4, catalog.names("kind=user").size());
      Files.writeString(catalog.dir().resolve("systems/payments.yaml"), "kind: [unclosed\n");
      try (Catalog stricter = catalogReading(db, catalog.dir(), Map.of("locations", List.of(Map.of("type", "file", "target", "all.yaml"))))) {
        LocationRefresh.Outcome outcome = stricter.refresh();
        assertFalse(outcome.complete());
        assertEquals(List.of(), catalog.names("kind=user"), "what the rules refuse goes");
        assertTrue(catalog.names("kind=component").contains("checkout-service"), "what could not be read stays");
        assertTrue(outcome.errors().contains(refusal(catalog, "ada.lovelace")), outcome.errors().toString());
      }
    }
  }

  @DatabaseTest
  void theSampleConfigurationLoadsEveryExampleWithoutErrors(TestDatabase db) throws Exception {
    Path root = EXAMPLES.getParent();
    Config config = dev.backlot.platform.config.ConfigLoader.fromEnvironment().directory(root).env("test").environment(name -> null).load();
    emptyTables(db);
    try (Catalog catalog = catalogReading(db, root, config)) {
      List<LocationRefresh.Outcome> outcomes = refreshDue(catalog.locations());
      assertEquals(1, outcomes.size());
      assertEquals(List.of(), outcomes.get(0).errors());
      assertEquals(26, outcomes.get(0).written());
      assertTrue(catalog.names("kind=user").contains("grace.hopper"));
    }
  }

  @DatabaseTest
  void refreshingIsIdempotentAndFollowsTheFiles(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Catalog catalog = catalog(db, tmp)) {
      catalog.refresh();
      ObjectNode before = catalog.store().byRef("component:default/web-shop").orElseThrow();
      LocationRefresh.Outcome again = catalog.refresh();
      assertEquals(0, again.written());
      assertEquals(26, again.unchanged());

      Path storefront = catalog.dir().resolve("systems/storefront.yaml");
      String text = Files.readString(storefront);
      Files.writeString(storefront, text.replace("lifecycle: experimental", "lifecycle: production")
          .replace("description: The customer-facing web shop.", "description: The shop."));
      LocationRefresh.Outcome changed = catalog.refresh();
      assertEquals(2, changed.written());
      ObjectNode after = catalog.store().byRef("component:default/web-shop").orElseThrow();
      assertEquals(before.at("/metadata/uid"), after.at("/metadata/uid"), "the uid survives changes");
      assertNotEquals(before.at("/metadata/etag"), after.at("/metadata/etag"), "the etag follows the content");

      Files.writeString(storefront, Files.readString(storefront).split("---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: recommendations")[0]);
      LocationRefresh.Outcome removed = catalog.refresh();
      assertTrue(removed.removed() >= 1, "entities that leave their file leave the catalog");
      assertFalse(catalog.names("kind=component").contains("recommendations"));
    }
  }

  @DatabaseTest
  void aBrokenFileNeverDeletesTheLastGoodEntities(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Catalog catalog = catalog(db, tmp)) {
      catalog.refresh();
      Path payments = catalog.dir().resolve("systems/payments.yaml");
      Files.writeString(payments, "apiVersion: backstage.io/v1alpha1\nkind: [unclosed\n");
      LocationRefresh.Outcome broken = catalog.refresh();
      assertFalse(broken.complete());
      assertEquals(0, broken.removed());
      assertTrue(broken.errors().get(0).contains("payments.yaml") && broken.errors().get(0).contains("line"), broken.errors().toString());
      assertTrue(catalog.names("kind=component").contains("checkout-service"), "the last good entity stays");

      Files.delete(payments);
      LocationRefresh.Outcome missing = catalog.refresh();
      assertFalse(missing.complete());
      assertTrue(catalog.names("kind=component").contains("checkout-service"), "a failed read deletes nothing");
    }
  }

  @DatabaseTest
  void invalidEntitiesAreLeftOutWithAnErrorWhileTheRestIsStored(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Catalog catalog = catalog(db, tmp)) {
      Path users = catalog.dir().resolve("org/users.yaml");
      Files.writeString(users, Files.readString(users).replace("name: alan.turing", "name: alan turing"));
      LocationRefresh.Outcome outcome = catalog.refresh();
      assertEquals(1, outcome.errors().size(), outcome.errors().toString());
      assertTrue(outcome.errors().get(0).contains("\"metadata.name\" is not valid"), outcome.errors().get(0));
      assertEquals(3, catalog.names("kind=user").size());
    }
  }


  @DatabaseTest
  void anEntitysEtagChangesWhenAnotherEntityGivesItARelationAndOnlyThen(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Catalog catalog = catalog(db, tmp)) {
      catalog.refresh();
      String before = catalog.store().byRef("group:default/payments-team").orElseThrow().at("/metadata/etag").asText();
      catalog.refresh();
      assertEquals(before, catalog.store().byRef("group:default/payments-team").orElseThrow().at("/metadata/etag").asText(),
          "nothing changed, nor does the etag");
      Path payments = catalog.dir().resolve("systems/payments.yaml");
      Files.writeString(payments, Files.readString(payments) + "---\napiVersion: backstage.io/v1alpha1\nkind: Component\n"
          + "metadata: {name: refunds}\nspec: {type: service, lifecycle: production, owner: payments-team}\n");
      catalog.refresh();
      ObjectNode team = catalog.store().byRef("group:default/payments-team").orElseThrow();
      assertTrue(team.get("relations").toString().contains("component:default/refunds"), team.toString());
      assertNotEquals(before, team.at("/metadata/etag").asText(), "the team serves a new ownerOf, so a new etag");
      assertEquals(team.at("/metadata/etag"), catalog.store().byUid(team.at("/metadata/uid").asText()).orElseThrow().at("/metadata/etag"));
    }
  }

  @DatabaseTest
  void aRefWithoutAKindFailsItsEntityAloneNotTheWholeLocation(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Catalog catalog = catalog(db, tmp)) {
      catalog.refresh();
      Path payments = catalog.dir().resolve("systems/payments.yaml");
      // dependsOn has no default kind: "payments-db" alone is no ref, as in Backstage.
      Files.writeString(payments, Files.readString(payments).replaceFirst("dependsOn: \\[resource:payments-db]", "dependsOn: [payments-db]"));
      Files.writeString(catalog.dir().resolve("org/users.yaml"), Files.readString(catalog.dir().resolve("org/users.yaml"))
          .replace("name: alan.turing", "name: alan.turing2"));
      LocationRefresh.Outcome outcome = catalog.refresh();
      assertEquals(1, outcome.errors().size(), outcome.errors().toString());
      assertTrue(outcome.errors().get(0).contains("spec.dependsOn: Entity reference 'payments-db' had missing or empty kind"),
          outcome.errors().get(0));
      assertTrue(catalog.names("kind=user").contains("alan.turing2"), "the rest of the location is stored");
      assertTrue(catalog.names("kind=component").contains("checkout-service"), "the entity keeps its last good version");
    }
  }

  @DatabaseTest
  void anEntityThatTurnsInvalidKeepsItsLastGoodVersionAndShowsTheError(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Catalog catalog = catalog(db, tmp)) {
      catalog.refresh();
      Path payments = catalog.dir().resolve("systems/payments.yaml");
      String good = Files.readString(payments);
      Files.writeString(payments, good.replace("  owner: payments-team\n  domain: commerce\n", "  domain: commerce\n"));
      LocationRefresh.Outcome outcome = catalog.refresh();
      assertTrue(outcome.complete());
      assertEquals(0, outcome.removed(), "the system that lost its owner is not removed");
      ObjectNode system = catalog.store().byRef("system:default/payments").orElseThrow();
      assertEquals("payments-team", system.at("/spec/owner").asText(), "the last good version is served");
      assertEquals("backstage.io/catalog-processing", system.at("/status/items/0/type").asText());
      assertTrue(system.at("/status/items/0/message").asText().contains("/spec must have required property 'owner'"), system.toString());

      Files.writeString(payments, good + "---\nkind: [unclosed\n");
      catalog.refresh();
      assertTrue(catalog.store().byRef("system:default/payments").orElseThrow().path("status").isMissingNode(),
          "a refresh replaces the errors of the last one");
      ObjectNode location = catalog.store().list(EntityFilter.parse(List.of("kind=location,spec.target=" + catalog.dir().resolve("all.yaml").toRealPath())), 10, 0).get(0);
      assertTrue(location.at("/status/items/0/message").asText().contains("payments.yaml"),
          "an unreadable file is reported on the location's own entity: " + location);

      Files.writeString(payments, good);
      catalog.refresh();
      assertTrue(catalog.store().byRef("location:default/" + location.at("/metadata/name").asText())
          .orElseThrow().path("status").isMissingNode(), "fixed files clear the error");
    }
  }

  @DatabaseTest
  void keptOrphansAreMarkedAndRevivedWhenEmittedAgain(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Catalog catalog = catalog(db, tmp, Map.of("orphanStrategy", "keep"))) {
      catalog.refresh();
      Path payments = catalog.dir().resolve("systems/payments.yaml");
      String good = Files.readString(payments);
      String etag = catalog.store().byRef("component:default/billing-worker").orElseThrow().at("/metadata/etag").asText();
      Files.writeString(payments, withoutDocument(good, "name: billing-worker"));
      LocationRefresh.Outcome outcome = catalog.refresh();
      assertEquals(0, outcome.removed());
      assertEquals(1, outcome.orphaned());
      ObjectNode orphan = catalog.store().byRef("component:default/billing-worker").orElseThrow();
      assertEquals("true", orphan.at("/metadata/annotations/backstage.io~1orphan").asText());
      assertNotEquals(etag, orphan.at("/metadata/etag").asText(), "marking an orphan changes it");
      assertEquals(List.of("billing-worker"), catalog.names("metadata.annotations.backstage.io/orphan=true"));
      assertEquals(0, catalog.refresh().orphaned(), "an orphan is marked once");

      Files.writeString(payments, good);
      catalog.refresh();
      ObjectNode revived = catalog.store().byRef("component:default/billing-worker").orElseThrow();
      assertTrue(revived.at("/metadata/annotations/backstage.io~1orphan").isMissingNode());
      assertEquals(etag, revived.at("/metadata/etag").asText(), "emitted again, it is as it was");
      assertEquals(List.of(), catalog.names("metadata.annotations.backstage.io/orphan=true"));
    }
  }

  /** The scheduler's call, its units run in this JVM one at a time (RefreshFanOutTest runs them over HTTP, several at once). */
  private static List<LocationRefresh.Outcome> refreshDue(LocationRefresh refresh) {
    return new RefreshFanOut(refresh, (lease, timeout) -> refresh.refreshClaimed(lease), 1, java.time.Duration.ofSeconds(40),
        java.time.Clock.systemUTC()).run().locations();
  }

  /** The YAML stream without the document that contains {@code marker}. */
  private static String withoutDocument(String yaml, String marker) {
    return String.join("---\n", java.util.Arrays.stream(yaml.split("(?m)^---\n")).filter(d -> !d.contains(marker)).toList());
  }

  @DatabaseTest
  void aLocationIsRefreshedWhenDueAndNotAgainUntilItsIntervalPasses(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Catalog catalog = catalog(db, tmp)) {
      List<LocationRefresh.Outcome> first = refreshDue(catalog.locations());
      assertEquals(1, first.size());
      assertEquals(26, first.get(0).written());
      assertEquals(List.of(), refreshDue(catalog.locations()), "not due again before catalog.processingInterval");
      assertEquals(26, catalog.refresh().unchanged(), "an explicit refresh runs whether due or not");
    }
  }

  /**
   * Two locations emit the same ref (a copied catalog-info.yaml): as in Backstage, the location
   * that stored it first keeps it, whichever is refreshed later or in what order, and the other is
   * told of the conflict while the rest of what it emits is stored. Both are due in the same
   * refresh call the first time.
   */
  @DatabaseTest
  void theFirstLocationToClaimARefKeepsItAndTheOtherReportsAConflict(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Catalog catalog = catalog(db, tmp)) {
      for (String team : List.of("a", "b")) {
        Files.writeString(catalog.dir().resolve("team-" + team + ".yaml"), component("shared", "team-" + team) + "---\n" + component("only-" + team, "team-" + team));
      }
      Config config = Config.of(Map.of("catalog", Map.of("locations",
          List.of(Map.of("type", "file", "target", "team-a.yaml"), Map.of("type", "file", "target", "team-b.yaml")))));
      Catalog both = catalogReading(db, catalog.dir(), config);
      try {
        List<LocationRefresh.Outcome> first = refreshDue(both.locations());
        assertEquals(2, first.size(), "both locations were due in this one call");
        LocationRefresh.Outcome winner = first.get(0);
        LocationRefresh.Outcome loser = first.get(1);
        String winnerTeam = winner.location().endsWith("team-a.yaml") ? "team-a" : "team-b";
        ObjectNode shared = both.store().byRef("component:default/shared").orElseThrow();
        assertEquals(winnerTeam, shared.at("/spec/owner").asText(), "the location processed first claimed it");
        assertEquals(List.of(), winner.errors());
        assertEquals(List.of("component:default/shared is already managed by " + winner.location() + "; " + loser.location() + " may not replace it"),
            loser.errors());
        String loserTeam = winnerTeam.equals("team-a") ? "team-b" : "team-a";
        assertTrue(both.store().byRef("component:default/only-" + loserTeam.substring(5)).isPresent(), "the rest of the other location is stored");

        // Refreshed again, the other one first: the first claimant still has it, unchanged.
        LocationRefresh.Outcome again = both.locations().refresh(new LocationSpec("file", loser.location().substring(5))).orElseThrow();
        assertEquals(loser.errors(), again.errors());
        both.locations().refresh(new LocationSpec("file", winner.location().substring(5))).orElseThrow();
        ObjectNode kept = both.store().byRef("component:default/shared").orElseThrow();
        assertEquals(winnerTeam, kept.at("/spec/owner").asText());
        assertEquals(shared.at("/metadata/uid"), kept.at("/metadata/uid"));
      } finally {
        both.close();
      }
    }
  }

  private static String component(String name, String owner) {
    return "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: " + name + "}\n"
        + "spec: {type: service, lifecycle: production, owner: " + owner + "}\n";
  }

  @DatabaseTest
  void twoProcessorsRefreshingAtOnceShareTheWorkWithoutLosingOrDuplicatingAnything(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Catalog catalog = catalog(db, tmp)) {
      // Twelve locations of 50 components each, to be refreshed by two instances at once.
      List<Map<String, Object>> locations = new java.util.ArrayList<>();
      for (int file = 0; file < 12; file++) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 50; i++) {
          yaml.append("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: c-").append(file).append('-').append(i)
              .append("\nspec:\n  type: service\n  lifecycle: production\n  owner: team-").append(file).append("\n---\n");
        }
        Files.writeString(catalog.dir().resolve("many-" + file + ".yaml"), yaml.toString());
        locations.add(Map.of("type", "file", "target", "many-" + file + ".yaml"));
      }
      Config config = Config.of(Map.of("catalog", Map.of("locations", locations)));
      LocationProcessor processor = new LocationProcessor(List.of(FileLocationReader.fromConfig(config, catalog.dir())), CatalogRules.defaults());
      List<LocationRefresh> instances = new java.util.ArrayList<>();
      List<Database> pools = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Database pool = Database.connect(db.jdbcUrl());
        pools.add(pool);
        EntityStore store = new EntityStore(pool);
        instances.add(new LocationRefresh(config, new LocationStore(pool), processor, store, new RefreshLeases(pool)));
      }
      try {
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<List<LocationRefresh.Outcome>>> runs = new java.util.ArrayList<>();
        for (LocationRefresh instance : instances) {
          runs.add(threads.submit(() -> {
            start.await();
            return refreshDue(instance);
          }));
        }
        List<String> refreshed = new java.util.ArrayList<>();
        int written = 0;
        for (var run : runs) {
          for (LocationRefresh.Outcome outcome : run.get()) {
            refreshed.add(outcome.location());
            written += outcome.written();
            assertEquals(List.of(), outcome.errors());
          }
        }
        threads.shutdown();
        assertEquals(12, refreshed.size(), "every location refreshed: " + refreshed);
        assertEquals(12, java.util.Set.copyOf(refreshed).size(), "and none twice");
        assertEquals(12 * 51, written, "each location's components and its own Location entity");
        assertEquals(600, catalog.names("kind=component").size());
        assertEquals(600, java.util.Set.copyOf(catalog.names("kind=component")).size());
        for (LocationRefresh instance : instances) {
          assertEquals(List.of(), refreshDue(instance), "nothing is due right after");
        }
      } finally {
        pools.forEach(Database::close);
      }
    }
  }

  @DatabaseTest
  void theExampleEntitiesBackstagePublishesIngestUnchanged(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    // @backstage/create-app ships the examples every new Backstage app starts with.
    java.util.Optional<dev.backlot.testing.NodeProject> project = dev.backlot.testing.NodeProject.in(Path.of("src/test/node/backstage"));
    org.junit.jupiter.api.Assumptions.assumeTrue(project.isPresent(), dev.backlot.testing.NodeProject.unavailable() + ": Backstage's examples were not fetched");
    project.get().install();
    Path templates = Path.of("src/test/node/backstage/node_modules/@backstage/create-app/templates").toAbsolutePath();
    List<String> kinds = Stream.concat(Examples.KINDS.stream(), Stream.of("Template")).toList();
    // The examples are outside the catalog's folder: a file root of their own lets its Location read them.
    try (Catalog catalog = catalog(db, tmp, Map.of("fileRoots", List.of(templates.toString()),
        "locations", List.of(Map.of("type", "file", "target", "all.yaml", "rules", List.of(Map.of("allow", kinds))))))) {
      for (String app : List.of("default-app", "legacy-app")) {
        Path examples = templates.resolve(app).resolve("examples");
        List<Path> files = List.of(examples.resolve("entities.yaml"), examples.resolve("org.yaml"), examples.resolve("template/template.yaml"));
        Files.writeString(catalog.dir().resolve("all.yaml"), "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: backstage-examples\nspec:\n  targets:\n"
            + files.stream().map(f -> "    - " + f + "\n").reduce("", String::concat));
        LocationRefresh.Outcome outcome = catalog.refresh();
        assertEquals(List.of(), outcome.errors(), app);
        for (Path file : files) {
          for (ObjectNode document : dev.backlot.catalog.model.EntityDocuments.parse(Files.readString(file), file.toString())) {
            String ref = dev.backlot.catalog.model.EntityRef.of(document).toString();
            ObjectNode stored = catalog.store().byRef(ref).orElseThrow(() -> new AssertionError(app + ": " + ref + " was not stored"));
            assertEquals(document, asWritten(stored), app + ": " + ref + " is stored as written");
          }
        }
      }
    }
  }

  /** A stored entity without what the catalog adds: namespace, uid, etag, managed-by annotations, relations. */
  private static ObjectNode asWritten(ObjectNode stored) {
    ObjectNode entity = stored.deepCopy();
    entity.remove("relations");
    ObjectNode metadata = (ObjectNode) entity.get("metadata");
    metadata.remove(List.of("uid", "etag", "namespace"));
    ObjectNode annotations = (ObjectNode) metadata.get("annotations");
    annotations.remove(List.of("backstage.io/managed-by-location", "backstage.io/managed-by-origin-location"));
    if (annotations.isEmpty()) {
      metadata.remove("annotations");
    }
    return entity;
  }

  @DatabaseTest
  void searchRowsKeepTabsBackslashesAndLineBreaks(TestDatabase db, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Catalog catalog = catalog(db, tmp)) {
      // COPY's text format escapes these; a slip would corrupt or reject the rows.
      Path users = catalog.dir().resolve("org/users.yaml");
      String yaml = "\"Tab\\there, back\\\\slash, \\\\N, line\\nbreak\"";
      Files.writeString(users, Files.readString(users).replace("  name: alan.turing\n", "  name: alan.turing\n  title: " + yaml + "\n"));
      catalog.refresh();
      String title = "Tab\there, back\\slash, \\N, line\nbreak";
      assertEquals(title, catalog.store().byRef("user:default/alan.turing").orElseThrow().at("/metadata/title").asText());
      assertEquals("[{" + title + "=1}]", counts(catalog.store().facets(List.of("metadata.title"), EntityFilter.parse(List.of("kind=user"))).get("metadata.title")));
      EntityFilter byTitle = EntityFilter.fromPredicate(dev.backlot.platform.http.Json.MAPPER.valueToTree(Map.of("metadata.title", title)));
      assertEquals("alan.turing", catalog.store().list(byTitle, 10, 0).get(0).at("/metadata/name").asText());
    }
  }

  private static String counts(List<java.util.Map<String, Object>> facet) {
    return facet.stream().map(c -> "{" + c.get("value") + "=" + c.get("count") + "}").toList().toString();
  }
}
