package dev.backlot.apidocs.validation;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.backlot.apidocs.Specs;
import dev.backlot.testing.FuzzSeeds;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes uploaded or referenced as an API definition: validated (YAML or JSON read within the
 * limits, then OpenAPI, AsyncAPI or GraphQL checks), read as a tree for serving, or refused with
 * an {@link UnreadableDefinitionException}. Anything else escaping is a finding.
 */
class DefinitionFuzzTest {
  private static final DefinitionValidator VALIDATOR = new DefinitionValidator(Limits.DEFAULT);

  static Stream<byte[]> definitions() {
    return Stream.concat(
        Stream.of("petstore-2.0.json", "petstore-3.0.yaml", "petstore-3.1.yaml", "streetlights-asyncapi.yaml", "bookshop.graphql")
            .map(Specs::bytes),
        FuzzSeeds.files("../../examples/apis/payments-api.yaml", "../../examples/apis/product-api.yaml"));
  }

  @MethodSource("definitions")
  @FuzzTest
  void aDefinitionIsValidatedOrRefusedAsUnreadable(byte[] definition) {
    try {
      VALIDATOR.validate(definition, null);
    } catch (UnreadableDefinitionException refused) {
      return;
    }
    try {
      VALIDATOR.tree(definition);
    } catch (UnreadableDefinitionException sdl) {
      // GraphQL SDL validates without being a YAML or JSON tree.
    }
  }
}
