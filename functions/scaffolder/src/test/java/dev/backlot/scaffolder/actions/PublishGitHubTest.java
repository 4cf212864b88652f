package dev.backlot.scaffolder.actions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.backlot.platform.http.Json;
import dev.backlot.scaffolder.FunctionUnderTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A task that renders files, publishes them with publish:github and registers them, against a
 * WireMock GitHub answering in github.com's shapes: the repository, its topics, the initial commit
 * through the Git Data API, the branch protection, and the catalog registration.
 */
class PublishGitHubTest {
  private static final String TOKEN = "ghp-config-token-for-tests";
  private static final String ALICE = "user:default/alice";
  private final WireMockServer github = new WireMockServer(options().dynamicPort());
  private FunctionUnderTest scaffolder;

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
  }

  @BeforeEach
  void start() throws Exception {
    github.start();
    String api = "http://127.0.0.1:" + github.port();
    scaffolder = new FunctionUnderTest(null, Map.of("integrations", Map.of("github",
        List.of(Map.of("host", "github.com", "apiBaseUrl", api, "token", TOKEN)))));
    scaffolder.catalog.add(Json.MAPPER.readTree("""
        {"apiVersion": "scaffolder.backstage.io/v1beta3", "kind": "Template", "metadata": {"name": "service"},
         "spec": {"parameters": {"required": ["name", "repoUrl"], "properties": {"name": {"type": "string"}, "repoUrl": {"type": "string"}}},
           "steps": [
             {"id": "write", "action": "catalog:write", "input": {"entity": {"apiVersion": "backstage.io/v1alpha1", "kind": "Component",
               "metadata": {"name": "${{ parameters.name }}"}, "spec": {"type": "service", "owner": "team-a", "lifecycle": "experimental"}}}},
             {"id": "publish", "action": "publish:github", "input": {"repoUrl": "${{ parameters.repoUrl }}", "description": "The ${{ parameters.name }} service",
               "repoVisibility": "internal", "defaultBranch": "main", "topics": ["java", "cloud-run"], "requireCodeOwnerReviews": true}},
             {"id": "register", "action": "catalog:register", "input": {"repoContentsUrl": "${{ steps.publish.output.repoContentsUrl }}", "catalogInfoPath": "/catalog-info.yaml"}}],
           "output": {"links": [{"title": "Repository", "url": "${{ steps.publish.output.remoteUrl }}"}]}}}"""));
    github.stubFor(get(urlEqualTo("/users/acme")).willReturn(json(200, """
        {"login":"acme","id":1001,"node_id":"O_kgDOAAPpAQ","url":"https://api.github.com/users/acme","html_url":"https://github.com/acme","type":"Organization","site_admin":false}""")));
    github.stubFor(post(urlEqualTo("/orgs/acme/repos")).willReturn(json(201, """
        {"id":700001,"node_id":"R_kgDOAAq","name":"billing","full_name":"acme/billing","private":true,"visibility":"internal",
         "owner":{"login":"acme","id":1001,"type":"Organization"},"html_url":"https://github.com/acme/billing","description":"The billing service",
         "url":"https://api.github.com/repos/acme/billing","default_branch":"main","created_at":"2026-12-07T21:00:00Z"}""")));
    github.stubFor(put(urlEqualTo("/repos/acme/billing/topics")).willReturn(json(200, "{\"names\":[\"java\",\"cloud-run\"]}")));
    github.stubFor(post(urlEqualTo("/repos/acme/billing/git/blobs")).willReturn(json(201, """
        {"url":"https://api.github.com/repos/acme/billing/git/blobs/3a0f86fb8db8eea7ccbb9a95f325ddbedfb25e15","sha":"3a0f86fb8db8eea7ccbb9a95f325ddbedfb25e15"}""")));
    github.stubFor(post(urlEqualTo("/repos/acme/billing/git/trees")).willReturn(json(201, """
        {"sha":"cd8274d15fa3ae2ab983129fb037999f264ba9a7","url":"https://api.github.com/repos/acme/billing/git/trees/cd8274d15fa3ae2ab983129fb037999f264ba9a7",
         "tree":[{"path":"catalog-info.yaml","mode":"100644","type":"blob","size":160,"sha":"3a0f86fb8db8eea7ccbb9a95f325ddbedfb25e15"}],"truncated":false}""")));
    github.stubFor(get(urlEqualTo("/repos/acme/billing/git/ref/heads/main")).willReturn(json(200, """
        {"ref":"refs/heads/main","node_id":"REF_kwDOAAq","url":"https://api.github.com/repos/acme/billing/git/refs/heads/main",
         "object":{"sha":"aa218f56b14c9653891f9e74264a383fa43fefbd","type":"commit","url":"https://api.github.com/repos/acme/billing/git/commits/aa218f56b14c9653891f9e74264a383fa43fefbd"}}""")));
    github.stubFor(post(urlEqualTo("/repos/acme/billing/git/commits")).willReturn(json(201, """
        {"sha":"7638417db6d59f3c431d3e1f261cc637155684cd","node_id":"C_kwDOAAq","message":"initial commit",
         "tree":{"sha":"cd8274d15fa3ae2ab983129fb037999f264ba9a7"},"parents":[{"sha":"aa218f56b14c9653891f9e74264a383fa43fefbd"}]}""")));
    github.stubFor(patch(urlEqualTo("/repos/acme/billing/git/refs/heads/main")).willReturn(json(200, """
        {"ref":"refs/heads/main","object":{"sha":"7638417db6d59f3c431d3e1f261cc637155684cd","type":"commit"}}""")));
    github.stubFor(put(urlEqualTo("/repos/acme/billing/branches/main/protection")).willReturn(json(200, """
        {"url":"https://api.github.com/repos/acme/billing/branches/main/protection","enforce_admins":{"enabled":true},
         "required_pull_request_reviews":{"require_code_owner_reviews":true,"required_approving_review_count":1}}""")));
  }

  @AfterEach
  void stop() throws Exception {
    scaffolder.close();
    github.stop();
  }

  private JsonNode runTask(String repo) throws Exception {
    var created = scaffolder.send("POST", "/v2/tasks", ALICE,
        "{\"templateRef\": \"template:default/service\", \"values\": {\"name\": \"billing\", \"repoUrl\": \"github.com?owner=acme&repo=" + repo + "\"}}");
    assertEquals(201, created.statusCode(), created.body());
    String id = Json.MAPPER.readTree(created.body()).path("id").asText();
    assertEquals(200, scaffolder.work().statusCode());
    JsonNode task = Json.MAPPER.readTree(scaffolder.send("GET", "/v2/tasks/" + id, ALICE, null).body());
    JsonNode events = Json.MAPPER.readTree(scaffolder.send("GET", "/v2/tasks/" + id + "/events", ALICE, null).body());
    assertFalse(events.toString().contains(TOKEN) || task.toString().contains(TOKEN), "the GitHub token is in no event and no record");
    ((com.fasterxml.jackson.databind.node.ObjectNode) task).set("events", events);
    return task;
  }

  @Test
  void aTaskCreatesTheRepositoryPushesTheWorkspaceAndRegistersIt() throws Exception {
    JsonNode task = runTask("billing");

    assertEquals("completed", task.path("status").asText(), task.toString());
    assertEquals("https://github.com/acme/billing", task.path("output").path("links").path(0).path("url").asText());
    github.verify(postRequestedFor(urlEqualTo("/orgs/acme/repos")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withRequestBody(equalToJson("{\"name\":\"billing\",\"auto_init\":true,\"private\":true,\"visibility\":\"internal\",\"description\":\"The billing service\"}")));
    github.verify(putRequestedFor(urlEqualTo("/repos/acme/billing/topics")).withRequestBody(equalToJson("{\"names\":[\"java\",\"cloud-run\"]}")));
    JsonNode blob = Json.MAPPER.readTree(github.findAll(postRequestedFor(urlEqualTo("/repos/acme/billing/git/blobs"))).get(0).getBodyAsString());
    String pushed = new String(Base64.getDecoder().decode(blob.path("content").asText()), StandardCharsets.UTF_8);
    assertTrue(pushed.contains("name: billing"), pushed);
    github.verify(postRequestedFor(urlEqualTo("/repos/acme/billing/git/trees")).withRequestBody(equalToJson(
        "{\"tree\":[{\"path\":\"catalog-info.yaml\",\"mode\":\"100644\",\"type\":\"blob\",\"sha\":\"3a0f86fb8db8eea7ccbb9a95f325ddbedfb25e15\"}]}")));
    github.verify(postRequestedFor(urlEqualTo("/repos/acme/billing/git/commits")).withRequestBody(equalToJson(
        "{\"message\":\"initial commit\",\"tree\":\"cd8274d15fa3ae2ab983129fb037999f264ba9a7\",\"parents\":[\"aa218f56b14c9653891f9e74264a383fa43fefbd\"]}")));
    github.verify(patchRequestedFor(urlEqualTo("/repos/acme/billing/git/refs/heads/main"))
        .withRequestBody(equalToJson("{\"sha\":\"7638417db6d59f3c431d3e1f261cc637155684cd\",\"force\":true}")));
    github.verify(putRequestedFor(urlEqualTo("/repos/acme/billing/branches/main/protection"))
        .withRequestBody(containing("\"require_code_owner_reviews\":true")));
    assertEquals("https://github.com/acme/billing/blob/main/catalog-info.yaml", scaffolder.catalog.registered.get(0).path("target").asText());
  }

  @Test
  void aTemplateOnGitHubHasItsSkeletonReadFromItsRepository() throws Exception {
    scaffolder.catalog.add(Json.MAPPER.readTree("""
        {"apiVersion": "scaffolder.backstage.io/v1beta3", "kind": "Template",
         "metadata": {"name": "from-github", "annotations": {
           "backstage.io/managed-by-location": "url:https://github.com/acme/templates/blob/main/docs-site/template.yaml"}},
         "spec": {"steps": [
           {"id": "fetch", "action": "fetch:template", "input": {"url": "./skeleton", "values": {"name": "${{ parameters.name }}"}}},
           {"id": "shared", "action": "fetch:plain", "input": {"url": "../shared", "targetPath": "shared"}},
           {"id": "outside", "if": "${{ parameters.climb }}", "action": "fetch:plain", "input": {"url": "../../../other-repo"}},
           {"id": "log", "action": "debug:log", "input": {"listWorkspace": "with-contents"}}]}}"""));
    github.stubFor(get(urlEqualTo("/repos/acme/templates/git/trees/main?recursive=1")).willReturn(json(200, """
        {"sha":"9fb037999f264ba9a7cd8274d15fa3ae2ab98312","url":"https://api.github.com/repos/acme/templates/git/trees/9fb0","truncated":false,"tree":[
          {"path":"docs-site","mode":"040000","type":"tree","sha":"1111111111111111111111111111111111111111"},
          {"path":"docs-site/template.yaml","mode":"100644","type":"blob","sha":"2222222222222222222222222222222222222222","size":10},
          {"path":"docs-site/skeleton","mode":"040000","type":"tree","sha":"3333333333333333333333333333333333333333"},
          {"path":"docs-site/skeleton/README.md","mode":"100644","type":"blob","sha":"4444444444444444444444444444444444444444","size":22},
          {"path":"shared/LICENSE","mode":"100644","type":"blob","sha":"5555555555555555555555555555555555555555","size":3}]}""")));
    github.stubFor(get(urlEqualTo("/repos/acme/templates/git/blobs/4444444444444444444444444444444444444444")).willReturn(json(200,
        "{\"sha\":\"4444444444444444444444444444444444444444\",\"size\":22,\"encoding\":\"base64\",\"content\":\""
            + Base64.getMimeEncoder().encodeToString("# ${{ values.name }}\n".getBytes(StandardCharsets.UTF_8)).replace("\r\n", "\\n") + "\"}")));
    github.stubFor(get(urlEqualTo("/repos/acme/templates/git/blobs/5555555555555555555555555555555555555555")).willReturn(json(200,
        "{\"sha\":\"5555555555555555555555555555555555555555\",\"size\":3,\"encoding\":\"base64\",\"content\":\"TUlU\\n\"}")));
    for (boolean climb : new boolean[] {false, true}) {
      var created = scaffolder.send("POST", "/v2/tasks", ALICE,
          "{\"templateRef\": \"template:default/from-github\", \"values\": {\"name\": \"billing\", \"climb\": " + climb + "}}");
      String id = Json.MAPPER.readTree(created.body()).path("id").asText();
      scaffolder.work();
      JsonNode task = Json.MAPPER.readTree(scaffolder.send("GET", "/v2/tasks/" + id, ALICE, null).body());
      JsonNode events = Json.MAPPER.readTree(scaffolder.send("GET", "/v2/tasks/" + id + "/events", ALICE, null).body());
      if (climb) {
        assertEquals("failed", task.path("status").asText());
        assertTrue(events.toString().contains("outside its parent"), events.toString());
      } else {
        assertEquals("completed", task.path("status").asText(), events.toString());
        assertTrue(events.toString().contains("README.md:\\n    # billing"), events.toString());
        assertTrue(events.toString().contains("shared/LICENSE:\\n    MIT"), events.toString());
      }
    }
  }

  @Test
  void anExistingRepositoryFailsTheStepAndNothingIsPushed() throws Exception {
    github.stubFor(post(urlEqualTo("/orgs/acme/repos")).willReturn(json(422, """
        {"message":"Repository creation failed.","errors":[{"resource":"Repository","code":"custom","field":"name","message":"name already exists on this account"}],
         "documentation_url":"https://docs.github.com/rest/repos/repos#create-an-organization-repository","status":"422"}""")));
    JsonNode task = runTask("billing");
    assertEquals("failed", task.path("status").asText());
    JsonNode events = task.path("events");
    assertEquals("A repository acme/billing already exists, or its name is not allowed (GitHub answered 422)",
        events.get(events.size() - 1).path("body").path("error").path("message").asText());
    assertTrue(github.findAll(postRequestedFor(urlEqualTo("/repos/acme/billing/git/blobs"))).isEmpty());
    assertTrue(scaffolder.catalog.registered.isEmpty());
  }
}
