package dev.backlot.scaffolder.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.http.Json;
import dev.backlot.scaffolder.FunctionUnderTest;
import dev.backlot.scaffolder.storage.TaskStore;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import dev.backlot.scaffolder.run.TaskWorker;
import dev.backlot.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Tasks as Backstage's API has them, on SQLite and PostgreSQL: created at once after the values
 * pass the parameter schema, run by the scheduler's worker call, with events and no secrets kept.
 */
class TaskRoutesTest {
  private static final String ALICE = "user:default/alice";
  private static final String SECRET = "ghp-very-secret-token";

  private static FunctionUnderTest start(TestDatabase db) throws Exception {
    FunctionUnderTest scaffolder = new FunctionUnderTest(db.jdbcUrl(), Map.of());
    scaffolder.catalog.add(Json.MAPPER.readTree("""
        {"apiVersion": "scaffolder.backstage.io/v1beta3", "kind": "Template",
         "metadata": {"name": "demo", "title": "Demo template", "description": "Says hello"},
         "spec": {"owner": "group:default/team-a", "type": "service",
           "parameters": [{"title": "Name", "required": ["name"], "properties": {"name": {"type": "string", "ui:autofocus": true}}},
                          {"properties": {"fail": {"type": "boolean"}}}],
           "steps": [
             {"id": "hello", "name": "Hello", "action": "debug:log", "input": {"message": "Hello ${{ parameters.name }} with ${{ secrets.token }}"}},
             {"id": "fail", "if": "${{ parameters.fail }}", "action": "fs:rename", "input": {"files": [{"from": "${{ secrets.token }}", "to": "x"}]}},
             {"id": "write", "action": "catalog:write", "input": {"entity": {"metadata": {"name": "${{ parameters.name }}"}}}}],
           "output": {"text": [{"title": "Done", "content": "Made ${{ parameters.name }} for ${{ user.ref }}"}]}}}"""));
    scaffolder.catalog.add(Json.MAPPER.readTree("""
        {"apiVersion": "scaffolder.backstage.io/v1beta3", "kind": "Template", "metadata": {"name": "broken"},
         "spec": {"steps": [{"id": "x", "action": "no:such"}]}}"""));
    return scaffolder;
  }

  private static JsonNode json(java.net.http.HttpResponse<String> response, int status) throws Exception {
    assertEquals(status, response.statusCode(), response.body());
    return Json.MAPPER.readTree(response.body());
  }

  private static String create(FunctionUnderTest scaffolder, String values) throws Exception {
    return json(scaffolder.send("POST", "/v2/tasks", ALICE,
        "{\"templateRef\": \"template:default/demo\", \"values\": " + values + ", \"secrets\": {\"token\": \"" + SECRET + "\"}}"), 201).path("id").asText();
  }

  @DatabaseTest
  void aTaskIsStoredAtOnceAndTheWorkerRunsItToCompletion(TestDatabase db) throws Exception {
    try (FunctionUnderTest scaffolder = start(db)) {
      String id = create(scaffolder, "{\"name\": \"billing\"}");
      JsonNode open = json(scaffolder.send("GET", "/v2/tasks/" + id, ALICE, null), 200);
      assertEquals("open", open.path("status").asText());
      assertEquals(ALICE, open.path("createdBy").asText());
      assertEquals("template:default/demo", open.path("spec").path("templateInfo").path("entityRef").asText());
      assertEquals("billing", open.path("spec").path("parameters").path("name").asText());

      assertEquals(1, json(scaffolder.work(), 200).path("ran").asInt());

      JsonNode done = json(scaffolder.send("GET", "/v2/tasks/" + id, ALICE, null), 200);
      assertEquals("completed", done.path("status").asText());
      assertEquals("Made billing for user:default/alice", done.path("output").path("text").path(0).path("content").asText());
      JsonNode events = json(scaffolder.send("GET", "/v2/tasks/" + id + "/events", ALICE, null), 200);
      assertTrue(events.toString().contains("Hello billing with ***"), events.toString());
      assertTrue(events.toString().contains("Skipping step fail because its if condition was false"), events.toString());
      JsonNode last = events.get(events.size() - 1);
      assertEquals("completion", last.path("type").asText());
      assertEquals(0, json(scaffolder.send("GET", "/v2/tasks/" + id + "/events?after=" + last.path("id").asLong(), ALICE, null), 200).size());
      assertFalse(events.toString().contains(SECRET) || done.toString().contains(SECRET), "the secret is in no event and no record");
      assertNull(storedSecrets(scaffolder, id), "secrets are dropped when the task ends");
      assertEquals(0, json(scaffolder.work(), 200).path("ran").asInt(), "nothing left to run");
    }
  }

  @DatabaseTest
  void aFailingStepFailsTheTaskAndItsMessageHidesTheSecrets(TestDatabase db) throws Exception {
    try (FunctionUnderTest scaffolder = start(db)) {
      String id = create(scaffolder, "{\"name\": \"billing\", \"fail\": true}");
      scaffolder.work();
      JsonNode task = json(scaffolder.send("GET", "/v2/tasks/" + id, ALICE, null), 200);
      assertEquals("failed", task.path("status").asText());
      JsonNode events = json(scaffolder.send("GET", "/v2/tasks/" + id + "/events", ALICE, null), 200);
      JsonNode completion = events.get(events.size() - 1);
      assertEquals("the file *** does not exist", completion.path("body").path("error").path("message").asText());
      assertFalse(events.toString().contains(SECRET), events.toString());
      assertNull(storedSecrets(scaffolder, id));
    }
  }

  @DatabaseTest
  void valuesThatFailTheParameterSchemaAre400WithTheErrors(TestDatabase db) throws Exception {
    try (FunctionUnderTest scaffolder = start(db)) {
      JsonNode answer = json(scaffolder.send("POST", "/v2/tasks", ALICE, "{\"templateRef\": \"template:default/demo\", \"values\": {\"name\": 3}}"), 400);
      assertEquals("instance.name", answer.path("errors").path(0).path("property").asText(), answer.toString());
      JsonNode missing = json(scaffolder.send("POST", "/v2/tasks", ALICE, "{\"templateRef\": \"demo\", \"values\": {}}"), 400);
      assertEquals("instance.name", missing.path("errors").path(0).path("property").asText(), missing.toString());
      assertEquals("NotFoundError", json(scaffolder.send("POST", "/v2/tasks", ALICE, "{\"templateRef\": \"template:default/nope\"}"), 404)
          .path("error").path("name").asText());
      assertEquals("Template action with ID 'no:such' is not registered.", json(scaffolder.send("POST", "/v2/tasks", ALICE,
          "{\"templateRef\": \"template:default/broken\"}"), 400).path("error").path("message").asText());
      assertEquals(0, json(scaffolder.send("GET", "/v2/tasks", ALICE, null), 200).path("totalTasks").asInt(), "no task was stored");
    }
  }

  @DatabaseTest
  void anOpenTaskIsCancelledAtOnceAndNeverRuns(TestDatabase db) throws Exception {
    try (FunctionUnderTest scaffolder = start(db)) {
      String id = create(scaffolder, "{\"name\": \"billing\"}");
      assertEquals("cancelled", json(scaffolder.send("POST", "/v2/tasks/" + id + "/cancel", ALICE, null), 200).path("status").asText());
      assertEquals(0, json(scaffolder.work(), 200).path("ran").asInt());
      JsonNode events = json(scaffolder.send("GET", "/v2/tasks/" + id + "/events", ALICE, null), 200);
      assertEquals("cancelled", events.get(events.size() - 1).path("type").asText());
      assertEquals(404, scaffolder.send("POST", "/v2/tasks/nope/cancel", ALICE, null).statusCode());
    }
  }

  @DatabaseTest
  void aTaskWhoseWorkerDiedIsRecoveredByTheNextWorkerOnceItsLeaseRanOut(TestDatabase db) throws Exception {
    try (FunctionUnderTest scaffolder = start(db)) {
      String id = create(scaffolder, "{\"name\": \"billing\"}");
      // A worker claimed the task ten minutes ago and died: its two-minute lease ran out long since.
      MovableClock then = new MovableClock(Instant.now().minus(Duration.ofMinutes(10)));
      assertTrue(new TaskStore(scaffolder.db, then).claim("dead-worker", TaskWorker.LEASE_MILLIS).isPresent());
      assertEquals(1, json(scaffolder.work(), 200).path("ran").asInt());
      JsonNode events = json(scaffolder.send("GET", "/v2/tasks/" + id + "/events", ALICE, null), 200);
      assertEquals("recovered", events.get(0).path("type").asText(), events.toString());
      assertEquals("completed", json(scaffolder.send("GET", "/v2/tasks/" + id, ALICE, null), 200).path("status").asText());
    }
  }

  @DatabaseTest
  void aTaskWhoseWorkersKeepDyingFailsAfterThreeClaims(TestDatabase db) throws Exception {
    try (FunctionUnderTest scaffolder = start(db)) {
      String id = create(scaffolder, "{\"name\": \"billing\"}");
      // Three workers claimed it over the last hour and died, each after its lease ran out.
      MovableClock then = new MovableClock(Instant.now().minus(Duration.ofHours(1)));
      TaskStore store = new TaskStore(scaffolder.db, then);
      for (int i = 0; i < 3; i++) {
        assertTrue(store.claim("dying-worker-" + i, TaskWorker.LEASE_MILLIS).isPresent());
        then.advance(Duration.ofMillis(TaskWorker.LEASE_MILLIS + 1_000));
      }
      assertEquals(1, json(scaffolder.work(), 200).path("ran").asInt());
      assertEquals("failed", json(scaffolder.send("GET", "/v2/tasks/" + id, ALICE, null), 200).path("status").asText());
      JsonNode events = json(scaffolder.send("GET", "/v2/tasks/" + id + "/events", ALICE, null), 200);
      assertTrue(events.get(events.size() - 1).path("body").path("error").path("message").asText().contains("stopped before it finished 3 times"),
          events.toString());
      assertNull(storedSecrets(scaffolder, id));
    }
  }

  @DatabaseTest
  void tasksAreListedNewestFirstByCreatorAndStatus(TestDatabase db) throws Exception {
    try (FunctionUnderTest scaffolder = start(db)) {
      create(scaffolder, "{\"name\": \"a\"}");
      create(scaffolder, "{\"name\": \"b\"}");
      JsonNode mine = json(scaffolder.send("GET", "/v2/tasks?createdBy=" + ALICE + "&status=open&limit=1", ALICE, null), 200);
      assertEquals(2, mine.path("totalTasks").asInt());
      assertEquals(1, mine.path("tasks").size());
      assertEquals(0, json(scaffolder.send("GET", "/v2/tasks?createdBy=user:default/bob", ALICE, null), 200).path("totalTasks").asInt());
      assertEquals(400, scaffolder.send("GET", "/v2/tasks?limit=abc", ALICE, null).statusCode());
      assertEquals(403, scaffolder.sendWith("POST", "/v2/tasks/work", "Bearer " + dev.backlot.testing.TestTokens.userToken(ALICE), null).statusCode(),
          "only the scheduler runs the worker");
    }
  }

  @DatabaseTest
  void theParameterSchemaIsBackstagesShape(TestDatabase db) throws Exception {
    try (FunctionUnderTest scaffolder = start(db)) {
      JsonNode schema = json(scaffolder.send("GET", "/v2/templates/default/template/demo/parameter-schema", ALICE, null), 200);
      assertEquals("Demo template", schema.path("title").asText());
      assertEquals("Says hello", schema.path("description").asText());
      assertEquals("Name", schema.path("steps").path(0).path("title").asText());
      assertEquals("Please enter the following information", schema.path("steps").path(1).path("title").asText());
      assertTrue(schema.path("steps").path(0).path("schema").path("properties").path("name").path("ui:autofocus").asBoolean());
      assertEquals(400, scaffolder.send("GET", "/v2/templates/default/component/demo/parameter-schema", ALICE, null).statusCode());
      assertEquals(404, scaffolder.send("GET", "/v2/templates/default/template/nope/parameter-schema", ALICE, null).statusCode());
    }
  }

  @DatabaseTest
  void aPersonsTemplateReadsGoWithTheirOwnTokenSoTheCatalogsPoliciesDecide(TestDatabase db) throws Exception {
    // Read as the scaffolder, a template the catalog hides from a person would still show them its form.
    try (FunctionUnderTest scaffolder = start(db)) {
      String alice = "Bearer " + dev.backlot.testing.TestTokens.userToken(ALICE);
      assertEquals(200, scaffolder.sendWith("GET", "/v2/templates/default/template/demo/parameter-schema", alice, null).statusCode());
      assertEquals(alice, scaffolder.catalog.forwardedByPath.get("/api/catalog/entities/by-name/template/default/demo"));
      scaffolder.catalog.forwardedByPath.clear();
      var created = scaffolder.sendWith("POST", "/v2/tasks", alice, "{\"templateRef\": \"template:default/demo\", \"values\": {\"name\": \"x\"}}");
      assertTrue(created.statusCode() == 201 || created.statusCode() == 400, created.body());
      assertEquals(alice, scaffolder.catalog.forwardedByPath.get("/api/catalog/entities/by-name/template/default/demo"));
    }
  }

  @DatabaseTest
  void catalogRegisterRegistersTheNewLocationThroughTheCatalogClient(TestDatabase db) throws Exception {
    try (FunctionUnderTest scaffolder = start(db)) {
      scaffolder.catalog.add(Json.MAPPER.readTree("""
          {"apiVersion": "scaffolder.backstage.io/v1beta3", "kind": "Template", "metadata": {"name": "register"},
           "spec": {"steps": [{"id": "register", "action": "catalog:register", "input": {
               "repoContentsUrl": "https://github.com/acme/${{ parameters.name }}/blob/main", "catalogInfoPath": "/catalog-info.yaml"}}],
             "output": {"links": [{"title": "Open in catalog", "icon": "catalog", "entityRef": "${{ steps['register'].output.entityRef }}"}]}}}"""));
      String id = json(scaffolder.send("POST", "/v2/tasks", ALICE, "{\"templateRef\": \"template:default/register\", \"values\": {\"name\": \"billing\"}}"), 201)
          .path("id").asText();
      scaffolder.work();
      JsonNode task = json(scaffolder.send("GET", "/v2/tasks/" + id, ALICE, null), 200);
      assertEquals("completed", task.path("status").asText(), task.toString());
      assertEquals("https://github.com/acme/billing/blob/main/catalog-info.yaml", scaffolder.catalog.registered.get(0).path("target").asText());
      assertEquals("component:default/registered", task.path("output").path("links").path(0).path("entityRef").asText());
    }
  }

  @DatabaseTest
  void aFailedTaskIsRetriedFromTheStartWithNewSecrets(TestDatabase db) throws Exception {
    try (FunctionUnderTest scaffolder = start(db)) {
      String id = create(scaffolder, "{\"name\": \"billing\", \"fail\": true}");
      assertEquals(409, scaffolder.send("POST", "/v2/tasks/" + id + "/retry", ALICE, null).statusCode(), "an open task is not retried");
      scaffolder.work();
      // The task acts for Alice: Bob retrying it would run it as her, with his secrets.
      assertEquals(403, scaffolder.send("POST", "/v2/tasks/" + id + "/retry", "user:default/bob", "{\"secrets\": {\"token\": \"bobs\"}}").statusCode());
      assertEquals(201, scaffolder.send("POST", "/v2/tasks/" + id + "/retry", ALICE, "{\"secrets\": {\"token\": \"second-secret\"}}").statusCode());
      assertEquals("open", json(scaffolder.send("GET", "/v2/tasks/" + id, ALICE, null), 200).path("status").asText());
      assertEquals("{\"token\":\"second-secret\"}", storedSecrets(scaffolder, id));
      assertEquals(1, json(scaffolder.work(), 200).path("ran").asInt());
      JsonNode events = json(scaffolder.send("GET", "/v2/tasks/" + id + "/events", ALICE, null), 200);
      assertFalse(events.toString().contains("recovered"), "a retry is not a recovery");
      assertFalse(events.toString().contains("second-secret"), events.toString());
      assertNull(storedSecrets(scaffolder, id));
      assertEquals(404, scaffolder.send("POST", "/v2/tasks/nope/retry", ALICE, null).statusCode());
    }
  }

  @DatabaseTest
  void theEventStreamSendsTheEventsAsServerSentEventsAndEndsWithTheTask(TestDatabase db) throws Exception {
    try (FunctionUnderTest scaffolder = start(db)) {
      String id = create(scaffolder, "{\"name\": \"billing\"}");
      scaffolder.work();
      var stream = scaffolder.send("GET", "/v2/tasks/" + id + "/eventstream", ALICE, null);
      assertEquals(200, stream.statusCode());
      assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"), stream.headers().toString());
      assertTrue(stream.body().startsWith("event: log\ndata: {"), stream.body());
      assertTrue(stream.body().contains("\n\nevent: completion\ndata: {"), stream.body());
      long first = json(scaffolder.send("GET", "/v2/tasks/" + id + "/events", ALICE, null), 200).get(0).path("id").asLong();
      String rest = scaffolder.send("GET", "/v2/tasks/" + id + "/eventstream?after=" + first, ALICE, null).body();
      assertFalse(rest.contains("\"id\":" + first + ","), "events up to after are not sent again");
    }
  }

  private static String storedSecrets(FunctionUnderTest scaffolder, String id) throws Exception {
    try (Connection c = scaffolder.db.connection(); PreparedStatement select = c.prepareStatement("SELECT secrets FROM scaffolder_tasks WHERE id = ?")) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }
}
