package dev.backlot.catalog.model;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.testing.FuzzSeeds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any catalog file, as a location reader hands it over: it is read into entities or refused with an
 * {@link InvalidEntityException}, and every entity read is validated without throwing; a valid
 * one yields its ref, relations and etag. Anything else escaping (a NullPointerException, a
 * StackOverflowError, a library's own exception) is a finding.
 */
class CatalogFileFuzzTest {
  static Stream<byte[]> examples() {
    return Stream.concat(
        FuzzSeeds.files("../../examples/all.yaml", "../../examples/org/groups.yaml", "../../examples/org/users.yaml",
            "../../examples/systems/payments.yaml", "../../examples/systems/storefront.yaml", "../../examples/systems/platform.yaml"),
        FuzzSeeds.texts("{\"apiVersion\":\"backstage.io/v1alpha1\",\"kind\":\"User\",\"metadata\":{\"name\":\"jdoe\"},\"spec\":{\"memberOf\":[\"team-a\"]}}",
            "---\n---\nkind: Component\nmetadata: {name: x, labels: {a/b: c}, tags: [java], links: [{url: u}]}\nspec: {type: service, lifecycle: off, owner: 0x1F}\n"));
  }

  @MethodSource("examples")
  @FuzzTest
  void aCatalogFileIsReadOrRefusedWithAReason(byte[] file) {
    List<ObjectNode> entities;
    try {
      entities = EntityDocuments.parse(new String(file, StandardCharsets.UTF_8), "fuzz.yaml");
    } catch (InvalidEntityException refused) {
      return;
    }
    for (ObjectNode entity : entities) {
      if (EntityValidator.validate(entity).isEmpty()) {
        EntityRef.of(entity).toString();
        EntityRelations.of(entity);
        EntityEtag.of(entity);
      }
    }
  }
}
