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
    return run("service", "{\"name\": \"billing\", \"repoUrl\": \"github.com?owner=acme&repo=" + repo + "\"}");
  }

  /** A task of template {@code name} with {@code values} run to its end: the task, with its events. */
  private JsonNode run(String name, String values) throws Exception {
    var created = scaffolder.send("POST", "/v2/tasks", ALICE, "{\"templateRef\": \"template:default/" + name + "\", \"values\": " + values + "}");
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

  /** A template {@code name} with {@code spec} whose catalog location is docs-site/template.yaml in acme/templates on github.com. */
  private void addTemplateOnGitHub(String name, String spec) throws Exception {
    scaffolder.catalog.add(Json.MAPPER.readTree("""
        {"apiVersion": "scaffolder.backstage.io/v1beta3", "kind": "Template",
         "metadata": {"name": "%s", "annotations": {
           "backstage.io/managed-by-location": "url:https://github.com/acme/templates/blob/main/docs-site/template.yaml"}},
         %s}""".formatted(name, spec)));
  }

  @Test
  void aTemplateOnGitHubHasItsSkeletonReadFromItsRepository() throws Exception {
    addTemplateOnGitHub("from-github", """
         "spec": {"steps": [
           {"id": "fetch", "action": "fetch:template", "input": {"url": "./skeleton", "values": {"name": "${{ parameters.name }}"}}},
           {"id": "shared", "action": "fetch:plain", "input": {"url": "../shared", "targetPath": "shared"}},
           {"id": "outside", "if": "${{ parameters.climb }}", "action": "fetch:plain", "input": {"url": "../../../other-repo"}},
           {"id": "log", "action": "debug:log", "input": {"listWorkspace": "with-contents"}}]}""");
    // The shared folder reader's requests: which part of tree/main/docs-site/skeleton is the branch,
    // the tree walked down from the ref's root, the folder's files listed, each blob read raw.
    byte[] readme = "# ${{ values.name }}\n".getBytes(StandardCharsets.UTF_8);
    github.stubFor(get(urlEqualTo("/repos/acme/templates/branches/main")).willReturn(json(200, "{\"name\":\"main\"}")));
    github.stubFor(get(urlEqualTo("/repos/acme/templates/git/trees/main")).willReturn(json(200, """
        {"sha":"9fb037999f264ba9a7cd8274d15fa3ae2ab98312","url":"https://api.github.com/repos/acme/templates/git/trees/9fb0","truncated":false,"tree":[
          {"path":"docs-site","mode":"040000","type":"tree","sha":"1111111111111111111111111111111111111111"},
          {"path":"shared","mode":"040000","type":"tree","sha":"6666666666666666666666666666666666666666"}]}""")));
    github.stubFor(get(urlEqualTo("/repos/acme/templates/git/trees/1111111111111111111111111111111111111111")).willReturn(json(200, """
        {"sha":"1111111111111111111111111111111111111111","truncated":false,"tree":[
          {"path":"template.yaml","mode":"100644","type":"blob","sha":"2222222222222222222222222222222222222222","size":10},
          {"path":"skeleton","mode":"040000","type":"tree","sha":"3333333333333333333333333333333333333333"}]}""")));
    github.stubFor(get(urlEqualTo("/repos/acme/templates/git/trees/3333333333333333333333333333333333333333")).willReturn(json(200,
        "{\"sha\":\"3333333333333333333333333333333333333333\",\"truncated\":false,\"tree\":["
            + "{\"path\":\"README.md\",\"mode\":\"100644\",\"type\":\"blob\",\"sha\":\"4444444444444444444444444444444444444444\",\"size\":" + readme.length + "}]}")));
    github.stubFor(get(urlEqualTo("/repos/acme/templates/git/trees/3333333333333333333333333333333333333333?recursive=1")).willReturn(json(200,
        "{\"sha\":\"3333333333333333333333333333333333333333\",\"truncated\":false,\"tree\":["
            + "{\"path\":\"README.md\",\"mode\":\"100644\",\"type\":\"blob\",\"sha\":\"4444444444444444444444444444444444444444\",\"size\":" + readme.length + "}]}")));
    for (String query : new String[] {"", "?recursive=1"}) {
      github.stubFor(get(urlEqualTo("/repos/acme/templates/git/trees/6666666666666666666666666666666666666666" + query)).willReturn(json(200, """
          {"sha":"6666666666666666666666666666666666666666","truncated":false,"tree":[
            {"path":"LICENSE","mode":"100644","type":"blob","sha":"5555555555555555555555555555555555555555","size":3}]}""")));
    }
    github.stubFor(get(urlEqualTo("/repos/acme/templates/git/blobs/4444444444444444444444444444444444444444"))
        .withHeader("Accept", equalTo("application/vnd.github.raw+json")).willReturn(aResponse().withStatus(200).withBody(readme)));
    github.stubFor(get(urlEqualTo("/repos/acme/templates/git/blobs/5555555555555555555555555555555555555555"))
        .withHeader("Accept", equalTo("application/vnd.github.raw+json")).willReturn(aResponse().withStatus(200).withBody("MIT")));
    for (boolean climb : new boolean[] {false, true}) {
      JsonNode task = run("from-github", "{\"name\": \"billing\", \"climb\": " + climb + "}");
      JsonNode events = task.path("events");
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
  void aSkeletonUrlThatLeavesTheRepositoryOrTheConfiguredHostsFailsTheStepWithoutReadingIt() throws Exception {
    addTemplateOnGitHub("fetches-anything", """
         "spec": {"parameters": {"properties": {"url": {"type": "string"}}},
           "steps": [{"id": "fetch", "action": "fetch:plain", "input": {"url": "${{ parameters.url }}"}}]}""");
    Map<String, String> refusals = Map.of(
        "https://github.com/acme/templates/tree/main/../../other/contents", "Not a GitHub file or folder URL",
        "https://github.com/acme/templates/tree/main/%2e%2e/%2E%2E/other/contents", "Not a GitHub file or folder URL",
        "https://evil.example/acme/templates/tree/main/skeleton", "No integrations.github entry for evil.example",
        "../../../other/skeleton", "outside its parent",
        "./%2e%2e/%2e%2e/other/skeleton", "Cannot read ./%2e%2e/%2e%2e/other/skeleton from GitHub");
    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      JsonNode task = run("fetches-anything", "{\"url\": \"" + refusal.getKey() + "\"}");
      JsonNode events = task.path("events");
      assertEquals("failed", task.path("status").asText(), refusal.getKey());
      assertTrue(events.toString().contains(refusal.getValue()), refusal.getKey() + ": " + events);
    }
    // A dot segment reaches GitHub only inside one encoded segment (a branch name looked up), never as a path.
    assertTrue(github.getAllServeEvents().stream().allMatch(event -> event.getRequest().getUrl().startsWith("/repos/acme/templates/")
        && !event.getRequest().getUrl().contains("/..") && !event.getRequest().getUrl().contains("/%2e%2e")), "no request left the template's repository");
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
