package dev.backlot.apidocs.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The tree a YAML definition becomes: what SafeConstructor would make of it, as JSON. */
class SafeDocumentReaderTest {
  private static JsonNode read(String yaml) {
    return new SafeDocumentReader(Limits.DEFAULT).read(yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void scalarsKeepTheirYamlTypesAndQuotedOnesStayStrings() {
    JsonNode tree = read("""
        count: 12
        hex: 0x1F
        ratio: 1.5
        enabled: true
        nothing: null
        quoted: "12"
        version: 1.0.0
        when: 2026-12-07T10:00:00Z
        """);
    assertEquals(12, tree.get("count").intValue());
    assertEquals(31, tree.get("hex").intValue());
    assertEquals(1.5, tree.get("ratio").doubleValue());
    assertTrue(tree.get("enabled").booleanValue());
    assertTrue(tree.get("nothing").isNull());
    assertEquals("12", tree.get("quoted").textValue());
    assertEquals("1.0.0", tree.get("version").textValue());
    assertEquals("2026-12-07T10:00:00Z", tree.get("when").textValue());
  }

  @Test
  void nonStringKeysBecomeTheirTextAsResponseCodesDo() {
    JsonNode responses = read("responses:\n  200: {description: ok}\n  default: {description: other}\n").get("responses");
    assertEquals("ok", responses.get("200").get("description").textValue());
    assertEquals("other", responses.get("default").get("description").textValue());
  }

  @Test
  void aliasesAreRepeatedAndMergeKeysMergeWithLocalKeysWinning() {
    JsonNode tree = read("""
        base: &base {type: string, format: uuid}
        copy: *base
        merged:
          <<: *base
          format: email
        """);
    assertEquals("uuid", tree.at("/copy/format").textValue());
    assertEquals("string", tree.at("/merged/type").textValue());
    assertEquals("email", tree.at("/merged/format").textValue());
    assertTrue(tree.get("merged").get("<<") == null, tree.toString());
  }

  @Test
  void anEmptyDocumentAndABadTimestampAreUnreadable() {
    assertEquals("Definition is empty", assertThrows(UnreadableDefinitionException.class, () -> read("# nothing\n")).getMessage());
    assertThrows(UnreadableDefinitionException.class, () -> read("when: !!timestamp not-a-time\n"));
  }
}
