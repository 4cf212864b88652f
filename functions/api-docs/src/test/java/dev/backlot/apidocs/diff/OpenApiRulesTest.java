package dev.backlot.apidocs.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenAPI checklist, after oasdiff's list of breaking-change checks: each rule with a small
 * before/after pair of OpenAPI 3.1 documents (2.0 and 3.0 read into the same shape, see
 * {@link BreakingChangesTest}). The table in docs/api-docs.md is generated from these cases.
 */
class OpenApiRulesTest {
  private static final String OK = "responses: {'200': {description: ok}}";

  private static String param(String schema) {
    return Definitions.queryParameter(schema, false, "{}");
  }

  private static String body(String schema) {
    return Definitions.requestBody(schema);
  }

  private static String response(String schema) {
    return Definitions.response(schema);
  }

  private static String operation(String flow) {
    return Definitions.openApi31(flow);
  }

  private static String object(String properties, String required) {
    return "{type: object, required: [" + required + "], properties: {" + properties + "}}";
  }

  private static String secured(String security) {
    return Definitions.openApi31("{security: " + security + ", " + OK + "}",
        "{securitySchemes: {key: {type: apiKey, in: header, name: X-Key}, oauth: {type: oauth2, flows: {clientCredentials: "
            + "{tokenUrl: 'https://auth.example.com/token', scopes: {read: r, write: w}}}}}}");
  }

  static Stream<RuleCase> cases() {
    String two = "{type: object, properties: {id: {type: string}, name: {type: string}}}";
    return Stream.of(
        // Operations
        new RuleCase("api-path-removed", true, "a path and all its operations removed", operation("{" + OK + "}"),
            operation("{" + OK + "}").replace("/tasks:", "/jobs:")),
        new RuleCase("api-removed", true, "an operation removed, its path kept", operation("{" + OK + "}").replace("    get: ", "    post: {" + OK + "}\n    get: "),
            operation("{" + OK + "}").replace("    get: ", "    post: ")),
        new RuleCase("endpoint-added", false, "an operation added", operation("{" + OK + "}"), operation("{" + OK + "}").replace("    get: ", "    post: {" + OK + "}\n    get: ")),
        new RuleCase("api-deprecated", false, "an operation deprecated", operation("{" + OK + "}"), operation("{deprecated: true, " + OK + "}")),
        new RuleCase("api-operation-id-changed", false, "operationId changed (generated clients rename a method)",
            operation("{operationId: listTasks, " + OK + "}"), operation("{operationId: getTasks, " + OK + "}")),
        // Parameters
        new RuleCase("request-parameter-removed", true, "a parameter removed", param("{type: string}"), operation("{" + OK + "}")),
        new RuleCase("new-required-request-parameter", true, "a required parameter added", operation("{" + OK + "}"),
            Definitions.queryParameter("{type: string}", true, "{}")),
        new RuleCase("new-optional-request-parameter", false, "an optional parameter added", operation("{" + OK + "}"), param("{type: string}")),
        new RuleCase("request-parameter-became-required", true, "an optional parameter became required", param("{type: string}"),
            Definitions.queryParameter("{type: string}", true, "{}")),
        new RuleCase("request-parameter-became-optional", false, "a required parameter became optional",
            Definitions.queryParameter("{type: string}", true, "{}"), param("{type: string}")),
        new RuleCase("request-parameter-type-changed", true, "a type no longer accepted (also in type arrays)", param("{type: [string, integer]}"), param("{type: string}")),
        new RuleCase("request-parameter-type-generalized", false, "more types accepted (integer to number)", param("{type: integer}"), param("{type: number}")),
        new RuleCase("request-parameter-became-enum", true, "a free value restricted to an enum (also through anyOf/$ref)", param("{type: string}"),
            param("{type: string, enum: [a, b]}")),
        new RuleCase("request-parameter-enum-value-removed", true, "enum or const values removed", param("{const: a}"), param("{const: b}")),
        new RuleCase("request-parameter-enum-value-added", false, "enum values added", param("{type: string, enum: [a]}"), param("{type: string, enum: [a, b]}")),
        new RuleCase("request-parameter-enum-removed", false, "an enum restriction lifted", param("{type: string, enum: [a]}"), param("{type: string}")),
        new RuleCase("request-parameter-became-not-nullable", true, "null no longer accepted (nullable, type arrays, null alternatives)",
            param("{type: [string, 'null']}"), param("{type: string}")),
        new RuleCase("request-parameter-became-nullable", false, "null accepted as well", param("{type: string, nullable: false}"),
            param("{anyOf: [{type: string}, {type: 'null'}]}")),
        new RuleCase("request-parameter-max-length-decreased", true, "maxLength lowered", param("{type: string, maxLength: 10}"), param("{type: string, maxLength: 5}")),
        new RuleCase("request-parameter-max-length-set", true, "maxLength added", param("{type: string}"), param("{type: string, maxLength: 5}")),
        new RuleCase("request-parameter-max-length-increased", false, "maxLength raised", param("{type: string, maxLength: 5}"), param("{type: string, maxLength: 10}")),
        new RuleCase("request-parameter-min-length-increased", true, "minLength raised", param("{type: string, minLength: 1}"), param("{type: string, minLength: 3}")),
        new RuleCase("request-parameter-pattern-added", true, "a pattern added", param("{type: string}"), param("{type: string, pattern: '^[a-z]+$'}")),
        new RuleCase("request-parameter-pattern-changed", true, "a pattern changed", param("{type: string, pattern: '^[a-z]+$'}"), param("{type: string, pattern: '^[a-c]+$'}")),
        new RuleCase("request-parameter-pattern-removed", false, "a pattern removed", param("{type: string, pattern: '^[a-z]+$'}"), param("{type: string}")),
        new RuleCase("request-parameter-max-decreased", true, "maximum lowered, or made exclusive", param("{type: integer, maximum: 10}"),
            param("{type: integer, exclusiveMaximum: 10}")),
        new RuleCase("request-parameter-min-increased", true, "minimum raised", param("{type: integer, minimum: 0}"), param("{type: integer, minimum: 1}")),
        new RuleCase("request-parameter-min-set", true, "minimum added", param("{type: integer}"), param("{type: integer, minimum: 1}")),
        new RuleCase("request-parameter-max-items-decreased", true, "maxItems lowered", param("{type: array, items: {type: string}, maxItems: 10}"),
            param("{type: array, items: {type: string}, maxItems: 2}")),
        new RuleCase("request-parameter-min-items-increased", true, "minItems raised", param("{type: array, items: {type: string}, minItems: 1}"),
            param("{type: array, items: {type: string}, minItems: 2}")),
        new RuleCase("request-parameter-format-changed", true, "format changed", param("{type: string, format: date}"), param("{type: string, format: date-time}")),
        new RuleCase("request-parameter-any-of-removed", true, "an anyOf alternative removed", param("{anyOf: [{type: string, title: Name}, {type: integer, title: Id}]}"),
            param("{anyOf: [{type: string, title: Name}]}")),
        new RuleCase("request-parameter-one-of-added", false, "a oneOf alternative added", param("{oneOf: [{type: string, title: Name}, {type: integer, title: Id}]}"),
            param("{oneOf: [{type: string, title: Name}, {type: integer, title: Id}, {type: boolean, title: Flag}]}")),
        // Request bodies
        new RuleCase("new-required-request-body", true, "a required request body added", operation("{" + OK + "}"), body("{type: object}")),
        new RuleCase("new-optional-request-body", false, "an optional request body added", operation("{" + OK + "}"),
            operation("{requestBody: {content: {application/json: {schema: {type: object}}}}, " + OK + "}")),
        new RuleCase("request-body-removed", false, "the request body removed", body("{type: object}"), operation("{" + OK + "}")),
        new RuleCase("request-body-became-required", true, "an optional body became required",
            operation("{requestBody: {content: {application/json: {schema: {type: object}}}}, " + OK + "}"), body("{type: object}")),
        new RuleCase("request-body-became-optional", false, "a required body became optional", body("{type: object}"),
            operation("{requestBody: {content: {application/json: {schema: {type: object}}}}, " + OK + "}")),
        new RuleCase("request-body-media-type-removed", true, "a request media type no longer accepted", body("{type: object}"),
            body("{type: object}").replace("application/json", "application/xml")),
        new RuleCase("request-body-media-type-added", false, "a request media type added", body("{type: object}"),
            body("{type: object}").replace("}}}, responses", "}, text/plain: {schema: {type: string}}}}, responses")),
        new RuleCase("request-body-type-changed", true, "the body's type changed", body("{type: object}"), body("{type: array}")),
        new RuleCase("new-required-request-property", true, "a required property added", body(object("id: {type: string}", "id")),
            body(object("id: {type: string}, owner: {type: string}", "id, owner"))),
        new RuleCase("new-optional-request-property", false, "an optional property added", body(object("id: {type: string}", "id")),
            body(object("id: {type: string}, owner: {type: string}", "id"))),
        new RuleCase("request-property-became-required", true, "an optional property became required", body(two), body(two.replace("properties:", "required: [name], properties:"))),
        new RuleCase("request-property-became-optional", false, "a required property became optional", body(two.replace("properties:", "required: [name], properties:")), body(two)),
        new RuleCase("request-property-removed", false, "a property removed (servers ignore what they do not know)", body(two), body("{type: object, properties: {id: {type: string}}}")),
        new RuleCase("request-property-enum-value-removed", true, "an enum value of a property removed", body("{type: object, properties: {state: {enum: [open, closed]}}}"),
            body("{type: object, properties: {state: {enum: [open]}}}")),
        new RuleCase("request-property-became-not-nullable", true, "a property no longer accepts null (3.1 anyOf null)",
            body("{type: object, properties: {due: {anyOf: [{type: string}, {type: 'null'}]}}}"), body("{type: object, properties: {due: {type: string}}}")),
        new RuleCase("request-property-type-changed", true, "a property's type changed", body("{type: object, properties: {n: {type: number}}}"),
            body("{type: object, properties: {n: {type: integer}}}")),
        // Responses
        new RuleCase("response-success-status-removed", true, "a 2xx response removed", operation("{responses: {'200': {description: ok}, '201': {description: c}}}"),
            operation("{" + OK + "}")),
        new RuleCase("response-non-success-status-removed", false, "an error response removed", operation("{responses: {'200': {description: ok}, '404': {description: n}}}"),
            operation("{" + OK + "}")),
        new RuleCase("response-success-status-added", false, "a 2xx response added", operation("{" + OK + "}"),
            operation("{responses: {'200': {description: ok}, '202': {description: a}}}")),
        new RuleCase("response-non-success-status-added", false, "an error response added", operation("{" + OK + "}"),
            operation("{responses: {'200': {description: ok}, '429': {description: slow}}}")),
        new RuleCase("response-media-type-removed", true, "a response media type no longer sent", response("{type: object}"),
            response("{type: object}").replace("application/json", "application/xml")),
        new RuleCase("response-media-type-added", false, "a response media type added", response("{type: object}"),
            operation("{responses: {'200': {description: ok, content: {application/json: {schema: {type: object}}, text/csv: {schema: {type: string}}}}}}")),
        new RuleCase("response-property-removed", true, "a response property removed", response(two), response("{type: object, properties: {id: {type: string}}}")),
        new RuleCase("response-property-became-optional", true, "a required response property became optional",
            response(two.replace("properties:", "required: [name], properties:")), response(two)),
        new RuleCase("new-optional-response-property", false, "a response property added", response("{type: object, properties: {id: {type: string}}}"), response(two)),
        new RuleCase("response-property-enum-value-added", true, "a response enum value added (clients meet a value they do not know)",
            response("{type: object, properties: {state: {type: string, enum: [open, closed]}}}"),
            response("{type: object, properties: {state: {type: string, enum: [open, closed, archived]}}}")),
        new RuleCase("response-property-enum-value-removed", false, "a response enum value removed",
            response("{type: object, properties: {state: {type: string, enum: [open, closed]}}}"),
            response("{type: object, properties: {state: {type: string, enum: [open]}}}")),
        new RuleCase("response-property-enum-removed", true, "a response enum restriction lifted (any value may come)",
            response("{type: object, properties: {state: {type: string, enum: [open]}}}"), response("{type: object, properties: {state: {type: string}}}")),
        new RuleCase("response-property-type-changed", true, "a response property widened to more types",
            response("{type: object, properties: {id: {type: string}}}"), response("{type: object, properties: {id: {type: [string, integer]}}}")),
        new RuleCase("response-property-type-specialized", false, "a response property narrowed to fewer types",
            response("{type: object, properties: {id: {type: number}}}"), response("{type: object, properties: {id: {type: integer}}}")),
        new RuleCase("response-property-became-nullable", true, "a response property may be null now (3.1 type array)",
            response("{type: object, properties: {due: {type: string}}}"), response("{type: object, properties: {due: {type: [string, 'null']}}}")),
        new RuleCase("response-property-became-not-nullable", false, "a response property is never null now",
            response("{type: object, properties: {due: {type: string, nullable: true}}}"), response("{type: object, properties: {due: {type: string}}}")),
        new RuleCase("response-body-one-of-added", true, "a response alternative added",
            response("{oneOf: [{$ref: '#/components/schemas/Cat'}]}").replace("components: {}", "components: {schemas: {Cat: {type: object}, Dog: {type: object}}}")
                .replace("[{$ref: '#/components/schemas/Cat'}]", "[{$ref: '#/components/schemas/Cat'}, {type: integer, title: Legacy}]"),
            response("{oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}, {type: integer, title: Legacy}]}")
                .replace("components: {}", "components: {schemas: {Cat: {type: object}, Dog: {type: object}}}")),
        new RuleCase("response-property-max-length-increased", false, "a response bound loosened", response("{type: object, properties: {id: {type: string, maxLength: 5}}}"),
            response("{type: object, properties: {id: {type: string, maxLength: 9}}}")),
        new RuleCase("response-header-removed", true, "a required response header removed",
            operation("{responses: {'200': {description: ok, headers: {X-Rate: {required: true, schema: {type: integer}}}}}}"), operation("{" + OK + "}")),
        new RuleCase("response-header-became-optional", true, "a required response header became optional",
            operation("{responses: {'200': {description: ok, headers: {X-Rate: {required: true, schema: {type: integer}}}}}}"),
            operation("{responses: {'200': {description: ok, headers: {X-Rate: {schema: {type: integer}}}}}}")),
        new RuleCase("response-header-added", false, "a response header added", operation("{" + OK + "}"),
            operation("{responses: {'200': {description: ok, headers: {X-Rate: {schema: {type: integer}}}}}}")),
        new RuleCase("response-header-type-changed", true, "a response header's type widened",
            operation("{responses: {'200': {description: ok, headers: {X-Rate: {schema: {type: integer}}}}}}"),
            operation("{responses: {'200': {description: ok, headers: {X-Rate: {schema: {type: string}}}}}}")),
        // Security
        new RuleCase("api-security-added", true, "an open operation now requires security", secured("[]"), secured("[{key: []}]")),
        new RuleCase("api-security-removed", false, "an operation no longer requires security", secured("[{key: []}]"), secured("[]")),
        new RuleCase("api-security-alternative-removed", true, "a way to authenticate no longer accepted", secured("[{key: []}, {oauth: [read]}]"), secured("[{oauth: [read]}]")),
        new RuleCase("api-security-alternative-added", false, "another way to authenticate accepted", secured("[{key: []}]"), secured("[{key: []}, {oauth: [read]}]")),
        new RuleCase("api-security-scope-added", true, "more scopes required", secured("[{oauth: [read]}]"), secured("[{oauth: [read, write]}]")),
        new RuleCase("api-security-scope-removed", false, "fewer scopes required", secured("[{oauth: [read, write]}]"), secured("[{oauth: [read]}]")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ruleFires(RuleCase rule) {
    DiffReport report = Definitions.compare(rule.before(), rule.after());
    assertEquals(rule.breaking(), Definitions.finding(report, rule.rule()).breaking(), report.summary());
    if (rule.breaking()) {
      assertEquals(true, report.breaking(), report.summary());
    }
  }

  @Test
  void theRulesTableInTheDocsIsCurrent() throws IOException {
    RuleCase.assertDocumented("openapi-rules", "OpenApiRulesTest", cases());
  }

  @Test
  void everyRuleHasOneCase() {
    List<String> rules = cases().map(RuleCase::rule).toList();
    assertEquals(rules.size(), rules.stream().distinct().count(), "each rule once");
  }
}
