package dev.backlot.apidocs.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.apidocs.Specs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each format by its own rules: the official JSON Schemas (OpenAPI Initiative, AsyncAPI), swagger-parser's
 * semantic checks without their 3.1 gaps, graphql-java for SDL; and the definitions that were refused
 * before issue 23 though the specification allows them.
 */
class OfficialRulesTest {
  private static final DefinitionValidator VALIDATOR = new DefinitionValidator(Limits.DEFAULT);

  private static BaitServer bait;

  @BeforeAll
  static void startBait() throws Exception {
    bait = BaitServer.serving("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\",\"required\":[\"stolen\"]}", "application/schema+json");
  }

  @AfterAll
  static void stopBait() {
    bait.close();
  }

  private static String bait(String path) {
    return bait.url(path);
  }

  private static Validation validate(String text) {
    return VALIDATOR.validate(text.getBytes(StandardCharsets.UTF_8), null);
  }

  private static boolean has(List<Problem> problems, String message, String location) {
    return problems.stream().anyMatch(p -> p.message().contains(message) && (location == null || location.equals(p.location())));
  }

  @Test
  void reservedOaiExtensionsInOpenApi31AreWarningsNotErrors() {
    Validation validation = VALIDATOR.validate(Specs.bytes("real-world/reserved-x-oai-extensions-3.1.yaml"), null);
    assertTrue(validation.valid(), validation.errors()::toString);
    assertTrue(has(validation.warnings(), "x-oai-meta is reserved by The OpenAPI Initiative", "paths./completions.post.x-oai-meta"),
        validation.warnings()::toString);
    assertTrue(has(validation.warnings(), "x-oai-sdk-groups is reserved", "x-oai-sdk-groups"), validation.warnings()::toString);
  }

  @Test
  void aRefToAParametersSchemaIsNotAnError() {
    Validation validation = VALIDATOR.validate(Specs.bytes("real-world/ref-to-parameter-schema-3.0.yaml"), null);
    assertTrue(validation.valid(), validation.errors()::toString);
    assertEquals(List.of(), validation.warnings());
  }

  @Test
  void aRefFromASchemaToSomethingThatIsNoSchemaIsStillAnError() {
    Validation validation = validate("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n"
        + "        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n"
        + "                $ref: '#/components/parameters/limit'\ncomponents:\n  parameters:\n    limit:\n      name: limit\n"
        + "      in: query\n      schema: {type: integer}\n");
    assertTrue(has(validation.errors(), "$ref target #/components/parameters/limit is not of expected type Schema",
        "paths./a.get.responses.200.content.application/json.schema"), validation.errors()::toString);
  }

  @Test
  void operationsWithoutResponsesAreValidIn31AndAnErrorIn30() {
    Validation v31 = VALIDATOR.validate(Specs.bytes("real-world/operation-without-responses-3.1.yaml"), null);
    assertTrue(v31.valid(), v31.errors()::toString);
    Validation v30 = validate("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /tasks:\n    get:\n      operationId: listTasks\n");
    assertTrue(has(v30.errors(), "required property 'responses' not found", "paths./tasks.get.responses"), v30.errors()::toString);
  }

  /** Found by the fuzzer: a major version past int's range answered 500. */
  @Test
  void aVersionNumberTooLongToBeOneIsRefusedAsUnknown() {
    Validation validation = validate("openapi: 3" + "0".repeat(80) + ".0\ninfo: {title: T, version: '1'}\npaths: {}\n");
    assertFalse(validation.valid());
    assertTrue(has(validation.errors(), "is not a version Backlot knows", "openapi"), validation.errors()::toString);
  }

  @Test
  void aNewerOpenApiVersionIsValidWithAWarningSayingSo() {
    Validation validation = VALIDATOR.validate(Specs.bytes("real-world/openapi-3.2.yaml"), null);
    assertTrue(validation.valid(), validation.errors()::toString);
    assertEquals("3.2.0", validation.specVersion());
    assertTrue(has(validation.warnings(), "openapi 3.2.0 is newer than the versions Backlot validates", "openapi"),
        validation.warnings()::toString);
    // What 3.1's rules find in a 3.2 definition may be 3.2's own features: warnings, not errors.
    Validation withNewField = validate("openapi: 3.2.0\ninfo: {title: T, version: '1'}\n$self: https://example.com/api\npaths: {}\n");
    assertTrue(withNewField.valid(), withNewField.errors()::toString);
    assertTrue(has(withNewField.warnings(), "$self", null), withNewField.warnings()::toString);
  }

  @Test
  void openApi31FeaturesSwaggerParserMissesAreValid() {
    Validation validation = validate("""
        openapi: 3.1.0
        info: {title: T, version: '1'}
        jsonSchemaDialect: https://spec.openapis.org/oas/3.1/dialect/base
        webhooks:
          created:
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: [object, 'null']
                      properties:
                        id: {type: [string, integer]}
                        status: {const: done}
        """);
    assertTrue(validation.valid(), validation.errors()::toString);
  }

  @Test
  void realErrorsAreReportedWithTheirLocationsInEveryOpenApiVersion() {
    Validation v31 = validate("openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      parameters:\n"
        + "        - name: q\n          in: nowhere\n      responses:\n        '200': {description: ok}\n");
    assertFalse(v31.valid());
    assertTrue(has(v31.errors(), "does not have a value in the enumeration", "paths./a.get.parameters[0].in"), v31.errors()::toString);
    assertTrue(v31.errors().stream().allMatch(p -> p.location() != null && p.location().startsWith("paths./a.get.parameters")),
        v31.errors()::toString);
    Validation v30 = validate("openapi: 3.0.3\ninfo: {title: T, version: '1'}\nservers: not-a-list\npaths: {}\n");
    assertTrue(has(v30.errors(), "", "servers"), v30.errors()::toString);
    Validation v20 = validate("{\"swagger\":\"2.0\",\"info\":{\"version\":\"1\"},\"paths\":{\"/a\":{\"get\":{\"responses\":{}}}}}");
    assertTrue(has(v20.errors(), "required property 'title' not found", "info.title"), v20.errors()::toString);
    Validation unknown = validate("openapi: 2.5.0\ninfo: {title: T, version: '1'}\npaths: {}\n");
    assertTrue(has(unknown.errors(), "not a version Backlot knows", "openapi"), unknown.errors()::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.0.0", "2.3.0", "2.6.0"})
  void asyncApi2IsValidatedAgainstItsOwnSchema(String version) {
    Validation valid = validate("asyncapi: " + version + "\ninfo: {title: T, version: '1'}\nchannels:\n  user/signedup:\n"
        + "    subscribe:\n      message:\n        payload: {type: object, properties: {email: {type: string}}}\n");
    assertEquals(DefinitionFormat.ASYNCAPI, valid.format());
    assertTrue(valid.valid(), valid.errors()::toString);
    Validation invalid = validate("asyncapi: " + version + "\ninfo: {title: T, version: '1'}\nchannels:\n  user/signedup:\n"
        + "    subscribe:\n      message:\n        payload: {type: object}\n    publish: 42\n");
    assertTrue(has(invalid.errors(), "", "channels.user/signedup.publish"), invalid.errors()::toString);
  }

  @Test
  void asyncApi3IsValidatedAgainstItsSchema() {
    String valid = """
        asyncapi: 3.0.0
        info: {title: Account service, version: 1.0.0}
        channels:
          userSignedUp:
            address: user/signedup
            messages:
              UserSignedUp:
                payload: {type: object, properties: {email: {type: string, format: email}}}
        operations:
          onUserSignedUp:
            action: receive
            channel: {$ref: '#/channels/userSignedUp'}
        """;
    Validation ok = validate(valid);
    assertTrue(ok.valid(), ok.errors()::toString);
    Validation wrongAction = validate(valid.replace("action: receive", "action: listen"));
    assertTrue(has(wrongAction.errors(), "", "operations.onUserSignedUp.action"), wrongAction.errors()::toString);
    Validation newer = validate(valid.replace("asyncapi: 3.0.0", "asyncapi: 3.7.0"));
    assertTrue(newer.valid(), newer.errors()::toString);
    assertTrue(has(newer.warnings(), "asyncapi 3.7.0 is newer than the versions Backlot validates", "asyncapi"), newer.warnings()::toString);
    assertTrue(has(validate("asyncapi: 1.2.0\ninfo: {title: T, version: '1'}\n").errors(), "not a version Backlot knows", "asyncapi"));
  }

  @Test
  void graphqlSdlIsParsedAndValidatedAsASchema() {
    Validation bookshop = VALIDATOR.validate(Specs.bytes("bookshop.graphql"), null);
    assertTrue(bookshop.valid(), bookshop.errors()::toString);
    Validation unknownType = VALIDATOR.validate("type Query {\n  book: Boook\n}\n".getBytes(StandardCharsets.UTF_8), DefinitionFormat.GRAPHQL);
    assertTrue(has(unknownType.errors(), "Boook", "line 1, column 1"), unknownType.errors()::toString);
    Validation noQuery = VALIDATOR.validate("type Book {\n  id: ID!\n}\n".getBytes(StandardCharsets.UTF_8), DefinitionFormat.GRAPHQL);
    assertFalse(noQuery.valid(), noQuery.errors()::toString);
    UnreadableDefinitionException syntax = assertThrows(UnreadableDefinitionException.class,
        () -> VALIDATOR.validate("type Query {\n  a: String\n".getBytes(StandardCharsets.UTF_8), DefinitionFormat.GRAPHQL));
    assertEquals("line 3, column 1", syntax.problem().location());
  }

  @Test
  void graphqlSdlOverTheValueLimitIsRefusedAsTooLarge() {
    DefinitionValidator small = new DefinitionValidator(new Limits(Limits.DEFAULT.maxBytes(), Limits.DEFAULT.maxDepth(), 10, 1_000));
    String sdl = "type Query {\n" + "  f: String\n".repeat(1_000) + "}\n";
    assertThrows(DefinitionTooLargeException.class, () -> small.validate(sdl.getBytes(StandardCharsets.UTF_8), DefinitionFormat.GRAPHQL));
  }

  @Test
  void schemasAndIdsADefinitionNamesAreNeverFetched() {
    int before = bait.hits();
    List<String> definitions = List.of(
        "openapi: 3.1.0\ninfo: {title: T, version: '1'}\n$schema: '" + bait("/oas.json") + "'\njsonSchemaDialect: '" + bait("/dialect")
            + "'\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      $schema: '" + bait("/meta") + "'\n      $id: '" + bait("/pet")
            + "'\n      type: object\n    Ref:\n      $ref: '" + bait("/pet") + "'\n",
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n$schema: '" + bait("/oas30.json") + "'\npaths: {}\ncomponents:\n  schemas:\n"
            + "    Pet: {$schema: '" + bait("/meta30") + "', id: '" + bait("/pet30") + "', type: object}\n",
        "{\"swagger\":\"2.0\",\"$schema\":\"" + bait("/swagger.json") + "\",\"info\":{\"title\":\"T\",\"version\":\"1\"},\"paths\":{},"
            + "\"definitions\":{\"Pet\":{\"id\":\"" + bait("/pet20") + "\",\"$schema\":\"" + bait("/meta20") + "\"}}}",
        "asyncapi: 2.6.0\n$schema: '" + bait("/asyncapi.json") + "'\nid: '" + bait("/app") + "'\ninfo: {title: T, version: '1'}\n"
            + "channels:\n  a:\n    publish:\n      message:\n        schemaFormat: application/schema+json;version=draft-07\n"
            + "        payload: {$schema: '" + bait("/payload") + "', $id: '" + bait("/payload-id") + "', $ref: '" + bait("/p") + "'}\n",
        "asyncapi: 3.0.0\n$schema: '" + bait("/asyncapi3.json") + "'\nid: '" + bait("/app3") + "'\ninfo: {title: T, version: '1'}\n"
            + "channels:\n  a:\n    messages:\n      m:\n        payload: {$schema: '" + bait("/payload3") + "', $id: '" + bait("/id3")
            + "'}\n");
    for (String definition : definitions) {
      validate(definition);
    }
    assertEquals(before, bait.hits(), "a schema was loaded from the loopback server");
  }
}
