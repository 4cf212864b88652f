package dev.backlot.permission.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.platform.http.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Params of conditions against the catalog's published paramsSchemas (as its metadata route writes them). */
class RuleParamsTest {
  static final JsonNode KIND = json("""
      {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,
       "properties":{"kinds":{"type":"array","items":{"type":"string"},"description":"List of kinds to match at least one of"}},
       "required":["kinds"]}""");
  static final JsonNode ANNOTATION = json("""
      {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,
       "properties":{"annotation":{"type":"string"},"value":{"type":"string"}},"required":["annotation"]}""");

  static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Optional<String> problem(JsonNode schema, String params) {
    return RuleParams.problem("conditions.anyOf[1]", "IS_ENTITY_KIND", schema, json(params));
  }

  @Test
  void paramsThatFitTheSchemaPass() {
    assertEquals(Optional.empty(), problem(KIND, "{\"kinds\":[\"api\",\"component\"]}"));
    assertEquals(Optional.empty(), problem(ANNOTATION, "{\"annotation\":\"backstage.io/source-location\"}"));
    assertEquals(Optional.empty(), RuleParams.problem("conditions", "ANY", Json.object(), json("{\"x\":1}")), "an empty schema takes anything");
  }

  @Test
  void aWrongTypeNamesTheRuleAndTheParam() {
    String problem = problem(KIND, "{\"kinds\":\"component\"}").orElseThrow();
    assertTrue(problem.startsWith("'conditions.anyOf[1].params.kinds' does not fit the paramsSchema of rule IS_ENTITY_KIND (param 'kinds')"), problem);
  }

  @Test
  void aMissingRequiredParamIsNamed() {
    String problem = problem(KIND, "{}").orElseThrow();
    assertTrue(problem.contains("(param 'kinds')"), problem);
    String none = RuleParams.problem("conditions", "IS_ENTITY_KIND", KIND, null).orElseThrow();
    assertTrue(none.contains("'kinds'"), none);
  }

  @Test
  void aParamTheRuleDoesNotHaveIsNamed() {
    String problem = problem(ANNOTATION, "{\"annotation\":\"a\",\"claims\":[\"x\"]}").orElseThrow();
    assertTrue(problem.contains("claims"), problem);
  }

  @Test
  void aSchemaReferringElsewhereIsNeverFetched() throws Exception {
    // Attack: a plugin's metadata (or whoever answers for it) makes the permission function fetch a URL.
    AtomicInteger fetched = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      fetched.incrementAndGet();
      byte[] body = "{\"type\":\"object\"}".getBytes();
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      JsonNode remote = json("{\"type\":\"object\",\"properties\":{\"kinds\":{\"$ref\":\"http://127.0.0.1:" + server.getAddress().getPort()
          + "/schema.json\"}}}");
      Optional<String> problem = problem(remote, "{\"kinds\":[\"api\"]}");
      assertTrue(problem.isPresent(), "a schema that cannot be read refuses rather than lets anything through");
      assertEquals(0, fetched.get());
    } finally {
      server.stop(0);
    }
  }
}
