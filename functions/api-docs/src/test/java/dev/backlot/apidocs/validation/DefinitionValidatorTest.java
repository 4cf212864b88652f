package dev.backlot.apidocs.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.apidocs.Specs;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real definitions in every format, and hostile ones. */
class DefinitionValidatorTest {
  private static final DefinitionValidator VALIDATOR = new DefinitionValidator(Limits.DEFAULT);

  private static BaitServer bait;

  @BeforeAll
  static void startBait() throws Exception {
    bait = BaitServer.serving("{\"type\":\"object\",\"properties\":{\"stolen\":{\"type\":\"string\"}}}", "application/json");
  }

  @AfterAll
  static void stopBait() {
    bait.close();
  }

  private static String baitUrl() {
    return bait.url("/schemas/pet.json");
  }

  private static Validation validate(String text) {
    return VALIDATOR.validate(text.getBytes(StandardCharsets.UTF_8), null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"petstore-3.0.yaml", "petstore-2.0.json", "petstore-3.1.yaml", "petstore-optional-field.yaml"})
  void realOpenApiDefinitionsAreValid(String name) {
    Validation validation = VALIDATOR.validate(Specs.bytes(name), null);
    assertEquals(DefinitionFormat.OPENAPI, validation.format());
    assertTrue(validation.valid(), () -> name + ": " + validation.errors());
    assertTrue(validation.title().contains("Petstore"), validation.title());
  }

  @Test
  void specVersionAndTitleAreRead() {
    Validation swagger = VALIDATOR.validate(Specs.bytes("petstore-2.0.json"), null);
    assertEquals("2.0", swagger.specVersion());
    assertEquals("1.0.0", swagger.apiVersion());
    assertEquals("3.1.0", VALIDATOR.validate(Specs.bytes("petstore-3.1.yaml"), null).specVersion());
  }

  @Test
  void missingRequiredPartsAreErrorsWithTheirLocation() {
    Validation validation = validate("openapi: 3.0.3\ninfo:\n  title: No version\npaths:\n  /a:\n    get:\n      operationId: a\n");
    assertFalse(validation.valid());
    assertTrue(validation.errors().stream().anyMatch(p -> "info.version".equals(p.location())), validation.errors()::toString);
    assertTrue(validation.errors().stream().anyMatch(p -> p.location() != null && p.location().contains("responses")),
        validation.errors()::toString);
  }

  @Test
  void unknownAttributesAreWarningsNotErrors() {
    Validation validation = validate("openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\n  colour: blue\npaths: {}\n");
    assertTrue(validation.valid(), validation.errors()::toString);
    assertTrue(validation.warnings().stream().anyMatch(p -> p.message().contains("colour") && "info.colour".equals(p.location())),
        validation.warnings()::toString);
    assertEquals(1, validation.warnings().size(), "the schema's finding and swagger-parser's are one: " + validation.warnings());
  }

  @Test
  void syntaxErrorsNameLineAndColumn() {
    UnreadableDefinitionException yaml = assertThrows(UnreadableDefinitionException.class,
        () -> validate("openapi: 3.0.3\ninfo:\n  title: [unclosed\n  version: 1\n"));
    assertTrue(yaml.problem().location().startsWith("line "), yaml.problem().toString());
    UnreadableDefinitionException json = assertThrows(UnreadableDefinitionException.class, () -> validate("{\"openapi\": \"3.0.3\",\n \"info\": }"));
    assertEquals("line 2, column 10", json.problem().location());
  }

  @Test
  void documentsThatAreNotDefinitionsAreRefused() {
    assertThrows(UnreadableDefinitionException.class, () -> validate("just a string"));
    assertThrows(UnreadableDefinitionException.class, () -> validate("[1, 2]"));
    assertThrows(UnreadableDefinitionException.class, () -> validate("name: not an API\n"));
    assertThrows(UnreadableDefinitionException.class, () -> validate(""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.0.3", "3.1.0"})
  void remoteRefsAreNeverFetched(String version) {
    int before = bait.hits();
    Validation validation = validate("openapi: " + version + "\ninfo:\n  title: T\n  version: '1'\npaths:\n  /pets:\n    get:\n"
        + "      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n"
        + "              schema:\n                $ref: '" + baitUrl() + "'\n"
        + "components:\n  schemas:\n    Remote:\n      $ref: '" + baitUrl() + "#/Pet'\n");
    assertEquals(before, bait.hits(), "the loopback server was called");
    assertTrue(validation.warnings().stream().anyMatch(p -> p.message().contains(baitUrl())), validation.warnings()::toString);
  }

  @Test
  void remoteRefsInSwagger2AreNeverFetched() {
    int before = bait.hits();
    String spec = "{\"swagger\":\"2.0\",\"info\":{\"title\":\"T\",\"version\":\"1\"},\"paths\":{\"/pets\":{\"get\":{\"responses\":{\"200\":"
        + "{\"description\":\"ok\",\"schema\":{\"$ref\":\"" + baitUrl() + "\"}}}}}},"
        + "\"definitions\":{\"Remote\":{\"$ref\":\"" + baitUrl() + "#/Pet\"}},"
        + "\"parameters\":{\"p\":{\"$ref\":\"" + baitUrl() + "\"}}}";
    validate(spec);
    assertEquals(before, bait.hits(), "the loopback server was called");
  }

  @Test
  void relativeRefsReadNoLocalFiles() {
    Validation validation = validate("openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    $ref: '../../../../etc/passwd'\n");
    assertTrue(validation.warnings().stream().anyMatch(p -> p.message().contains("/etc/passwd")), validation.warnings()::toString);
  }

  @Test
  void billionLaughsIsRefused() {
    StringBuilder yaml = new StringBuilder("openapi: 3.0.3\ninfo: {title: T, version: '1'}\nx-laughs:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("  a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    yaml.append("paths: {}\n");
    UnreadableDefinitionException e = assertThrows(UnreadableDefinitionException.class, () -> validate(yaml.toString()));
    assertTrue(e.getMessage().contains("alias") || e.getMessage().contains("expands"), e.getMessage());
  }

  @Test
  void aFewAliasesThatExpandHugelyAreRefused() {
    // 30 aliases, each doubling the previous: under the alias limit, but 2^30 nodes once expanded.
    StringBuilder yaml = new StringBuilder("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\nx-doubling:\n  d0: &d0 [x, x]\n");
    for (int i = 1; i <= 30; i++) {
      yaml.append("  d").append(i).append(": &d").append(i).append(" [*d").append(i - 1).append(", *d").append(i - 1).append("]\n");
    }
    Limits fewAliases = new Limits(Limits.DEFAULT.maxBytes(), Limits.DEFAULT.maxDepth(), 100, Limits.DEFAULT.maxNodes());
    UnreadableDefinitionException e = assertThrows(UnreadableDefinitionException.class,
        () -> new DefinitionValidator(fewAliases).validate(yaml.toString().getBytes(StandardCharsets.UTF_8), null));
    assertTrue(e.getMessage().contains("expands"), e.getMessage());
  }

  @Test
  void aFewHundredBytesOfAliasesThatExpandToMillionsOfValuesAreRefusedByEveryReader() {
    // A CI pipeline (PUT, /check), any signed-in user (/validate) or a catalog entity (/sync) sends it.
    byte[] laughs = Specs.aliasAmplification();
    assertTrue(laughs.length < 400, "under every byte limit: " + laughs.length);
    for (Executable read : List.<Executable>of(() -> VALIDATOR.validate(laughs, null), () -> VALIDATOR.tree(laughs))) {
      UnreadableDefinitionException e = assertThrows(UnreadableDefinitionException.class, read);
      assertEquals("Definition expands to more than " + Limits.DEFAULT.maxNodes() + " values once YAML aliases are followed",
          e.problem().message());
    }
  }

  @Test
  void aliasesNestedDeeperThanTheLimitOnceExpandedAreRefused() {
    // Written 40 levels deep three times, but each level holds the one before: 120 levels once expanded.
    String forty = "[".repeat(40) + "]".repeat(40);
    String yaml = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\nx: &a " + forty.replace("[]", "[y]")
        + "\ny: &b " + forty.replace("[]", "[*a]") + "\nz: " + forty.replace("[]", "[*b]") + "\n";
    DefinitionValidator shallow = new DefinitionValidator(new Limits(Limits.DEFAULT.maxBytes(), 100, 10, Limits.DEFAULT.maxNodes()));
    UnreadableDefinitionException e = assertThrows(UnreadableDefinitionException.class,
        () -> shallow.validate(yaml.getBytes(StandardCharsets.UTF_8), null));
    assertTrue(e.getMessage().contains("deeper than 100"), e.getMessage());
  }

  @Test
  void aliasThatContainsItselfIsRefused() {
    UnreadableDefinitionException e = assertThrows(UnreadableDefinitionException.class,
        () -> validate("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\nx: &loop [a, *loop]\n"));
    assertTrue(e.getMessage().contains("*loop"), e.getMessage());
  }

  @Test
  void jsonOfMoreValuesThanTheLimitIsRefused() {
    // No aliases in JSON, but a body of "0,0,0,..." is a value every two bytes.
    Limits limits = new Limits(Limits.DEFAULT.maxBytes(), Limits.DEFAULT.maxDepth(), Limits.DEFAULT.maxAliases(), 10_000);
    String json = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"T\",\"version\":\"1\"},\"paths\":{},\"x\":["
        + String.join(",", Collections.nCopies(10_000, "0")) + "]}";
    UnreadableDefinitionException e = assertThrows(UnreadableDefinitionException.class,
        () -> new DefinitionValidator(limits).validate(json.getBytes(StandardCharsets.UTF_8), null));
    assertEquals("Definition has more than 10000 values", e.problem().message());
  }

  @Test
  void deepNestingIsRefusedInYamlAndJson() {
    String deepJson = "{\"openapi\":\"3.0.3\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThrows(UnreadableDefinitionException.class, () -> validate(deepJson));
    String deepYaml = "openapi: 3.0.3\nx: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
    assertThrows(UnreadableDefinitionException.class, () -> validate(deepYaml));
  }

  @Test
  void definitionsOverTheSizeLimitAreRefused() {
    DefinitionValidator small = new DefinitionValidator(new Limits(1000, 64, 10, 10_000));
    assertThrows(UnreadableDefinitionException.class, () -> small.validate(Specs.bytes("petstore-3.0.yaml"), null));
  }

  @Test
  void aSeveralMegabyteDefinitionIsValid() {
    byte[] large = Specs.large(6 * 1024 * 1024, 1);
    assertTrue(large.length > 6 * 1024 * 1024);
    Validation validation = VALIDATOR.validate(large, null);
    assertTrue(validation.valid(), () -> validation.errors().subList(0, Math.min(5, validation.errors().size())).toString());
    // The benchmark's 3 MB OpenAPI 3.1 definition: valid, so publishing it measures the whole path.
    Validation v31 = VALIDATOR.validate(Specs.large(3 * 1024 * 1024, 1, "3.1.0"), null);
    assertTrue(v31.valid(), () -> v31.errors().subList(0, Math.min(5, v31.errors().size())).toString());
    assertEquals(List.of(), v31.warnings());
  }

  @Test
  void asyncApiIsRecognisedAndValidated() {
    Validation valid = VALIDATOR.validate(Specs.bytes("streetlights-asyncapi.yaml"), null);
    assertEquals(DefinitionFormat.ASYNCAPI, valid.format());
    assertEquals("2.6.0", valid.specVersion());
    assertTrue(valid.valid(), valid.errors()::toString);
    Validation invalid = validate("asyncapi: 2.6.0\ninfo:\n  title: T\n");
    assertEquals(List.of(new Problem("required property 'version' not found", "info.version"),
        new Problem("required property 'channels' not found", "channels")), invalid.errors());
  }

  @Test
  void graphqlIsRecognised() {
    Validation validation = VALIDATOR.validate(Specs.bytes("bookshop.graphql"), null);
    assertEquals(DefinitionFormat.GRAPHQL, validation.format());
    assertTrue(validation.valid(), validation.errors()::toString);
    assertNull(validation.specVersion());
    // YAML whose first key is "type" is not SDL.
    assertEquals(DefinitionFormat.OPENAPI, validate("type: thing\nopenapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n").format());
  }

  /** Found by DefinitionFuzzTest: swagger-parser's 2.0 converter throws a NullPointerException on a schema of unknown type with properties. */
  @Test
  void aDefinitionThatCrashesSwaggerParserIsInvalidNotAnError() {
    String definition = """
        {"swagger": "2.0", "info": {"title": "T", "version": "1"}, "paths": {},
         "definitions": {"Pet": {"type": "nonsense", "properties": {"id": {"type": "integer"}}}}}""";
    Validation validation = validate(definition);
    assertFalse(validation.valid());
    assertTrue(validation.errors().stream().anyMatch(p -> p.message().contains("swagger-parser could not read the definition")),
        validation.errors().toString());
  }
}
