package dev.backlot.catalog.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A catalog file reads as Backstage reads it. {@code yaml-core-schema.json} was written by
 * Backstage's own parser, the {@code yaml} npm package (2.9.1), from {@code yaml-core-schema.yaml}:
 * {@code node -e 'const y=require("yaml"),f=require("fs");console.log(JSON.stringify(y.parseAllDocuments(
 * f.readFileSync(process.argv[1],"utf8")).map(d=>d.toJSON()).filter(j=>j!==null),null,2))' yaml-core-schema.yaml}.
 * Numbers are compared as JSON text reads them back, as the catalog stores them.
 */
class YamlCoreSchemaTest {
  @Test
  void catalogFilesReadAsBackstagesYamlParserReadsThem() throws IOException {
    List<ObjectNode> documents = EntityDocuments.parse(resource("yaml-core-schema.yaml"), "yaml-core-schema.yaml");
    JsonNode expected = Json.MAPPER.readTree(resource("yaml-core-schema.json"));
    assertEquals(expected.size(), documents.size());
    for (int i = 0; i < documents.size(); i++) {
      JsonNode stored = Json.MAPPER.readTree(Json.bytes(documents.get(i)));
      assertEquals(expected.get(i).get("metadata"), stored.get("metadata"), "document " + (i + 1) + " metadata");
      assertEquals(expected.get(i).get("spec"), stored.get("spec"), "document " + (i + 1) + " spec");
      assertEquals(expected.get(i), stored, "document " + (i + 1));
    }
  }

  @Test
  void anEmptyValueIsNullNotAnEmptyString() {
    ObjectNode entity = EntityDocuments.parse("kind: Component\nmetadata:\n  name: x\n  description:\n  title: ''\n", "f.yaml").get(0);
    assertEquals("{\"name\":\"x\",\"description\":null,\"title\":\"\"}", entity.get("metadata").toString());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = YamlCoreSchemaTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
