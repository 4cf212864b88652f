package dev.backlot.catalog.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.storage.EntityFilter;
import dev.backlot.catalog.storage.EntityOrder;
import dev.backlot.catalog.storage.EntityStore;
import dev.backlot.platform.Plugin;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /entities} without paging: every match, read a chunk at a time, none twice or left out. */
class EveryEntityTest {
  private static final PluginManifest MANIFEST = new PluginManifest("catalog", "x.C", "/api/catalog", true, false,
      List.of(), List.of(), "/healthcheck", List.of(), PluginManifest.Resources.DEFAULT);

  @DatabaseTest
  void everyMatchIsWrittenAcrossChunksInOrder(TestDatabase db) throws Exception {
    try (Database database = Database.connect(db.jdbcUrl())) {
      Plugin.withDatabase(MANIFEST, Config.empty(), database, EveryEntityTest.class.getClassLoader());
      EntityStore store = new EntityStore(database);
      List<ObjectNode> entities = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        entities.add((ObjectNode) Json.MAPPER.readTree("{\"apiVersion\":\"backstage.io/v1alpha1\",\"kind\":\"Group\","
            + "\"metadata\":{\"name\":\"team-" + (char) ('a' + i) + "\"},\"spec\":{\"type\":\"" + (i % 2 == 0 ? "team" : "guild") + "\",\"children\":[]}}"));
      }
      store.replace("test:every-entity", entities, true);

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      EntityRoutes.writeEvery(store, EntityFilter.parse(List.of("kind=group,spec.type=team")), EntityOrder.parse(List.of("desc:metadata.name")),
          EntityFields.parse(List.of("metadata.name")), 5, out);

      JsonNode written = Json.MAPPER.readTree(out.toByteArray());
      List<String> names = written.findValuesAsText("name");
      List<String> expected = new ArrayList<>();
      for (int i = 24; i >= 0; i -= 2) {
        expected.add("team-" + (char) ('a' + i));
      }
      assertEquals(expected, names, "13 teams over three chunks of 5, in order");
      assertEquals(Json.MAPPER.readTree("{\"metadata\":{\"name\":\"team-y\"}}"), written.get(0), "only the fields asked for");
    }
  }
}
