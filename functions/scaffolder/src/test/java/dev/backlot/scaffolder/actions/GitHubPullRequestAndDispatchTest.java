package dev.backlot.scaffolder.actions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.backlot.platform.http.Json;
import dev.backlot.scaffolder.FunctionUnderTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * publish:github:pull-request and github:actions:dispatch in tasks, against a WireMock GitHub
 * answering in github.com's shapes, and their input schemas in {@code GET /v2/actions}.
 */
class GitHubPullRequestAndDispatchTest {
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
    scaffolder = new FunctionUnderTest(null, Map.of("integrations", Map.of("github",
        List.of(Map.of("host", "github.com", "apiBaseUrl", "http://127.0.0.1:" + github.port(), "token", TOKEN)))));
    scaffolder.catalog.add(Json.MAPPER.readTree("""
        {"apiVersion": "scaffolder.backstage.io/v1beta3", "kind": "Template", "metadata": {"name": "change"},
         "spec": {"parameters": {"properties": {"inputs": {"type": "object"}}},
           "steps": [
             {"id": "write", "action": "catalog:write", "input": {"entity": {"kind": "Component", "metadata": {"name": "billing"}}}},
             {"id": "pr", "action": "publish:github:pull-request", "input": {"repoUrl": "github.com?owner=acme&repo=billing",
               "branchName": "add-catalog-info", "title": "Add catalog-info.yaml", "description": "Registers billing",
               "targetPath": "services/billing", "reviewers": ["octocat"]}},
             {"id": "dispatch", "action": "github:actions:dispatch", "input": {"repoUrl": "github.com?owner=acme&repo=billing",
               "workflowId": "deploy.yml", "branchOrTagName": "main", "workflowInputs": "${{ parameters.inputs }}"}}],
           "output": {"links": [{"title": "Pull request", "url": "${{ steps.pr.output.remoteUrl }}"}],
                      "number": "${{ steps.pr.output.pullRequestNumber }}"}}}"""));
    github.stubFor(get(urlEqualTo("/repos/acme/billing")).willReturn(json(200, """
        {"id":700001,"name":"billing","full_name":"acme/billing","private":true,"html_url":"https://github.com/acme/billing","default_branch":"trunk"}""")));
    github.stubFor(get(urlEqualTo("/repos/acme/billing/git/ref/heads/trunk")).willReturn(json(200, """
        {"ref":"refs/heads/trunk","object":{"sha":"aa218f56b14c9653891f9e74264a383fa43fefbd","type":"commit"}}""")));
    github.stubFor(get(urlEqualTo("/repos/acme/billing/git/commits/aa218f56b14c9653891f9e74264a383fa43fefbd")).willReturn(json(200, """
        {"sha":"aa218f56b14c9653891f9e74264a383fa43fefbd","message":"earlier","tree":{"sha":"9fb037999f264ba9a7cd8274d15fa3ae2ab98312"},"parents":[]}""")));
    github.stubFor(post(urlEqualTo("/repos/acme/billing/git/blobs")).willReturn(json(201, """
        {"sha":"3a0f86fb8db8eea7ccbb9a95f325ddbedfb25e15","url":"https://api.github.com/repos/acme/billing/git/blobs/3a0f86fb8db8eea7ccbb9a95f325ddbedfb25e15"}""")));
    github.stubFor(post(urlEqualTo("/repos/acme/billing/git/trees")).willReturn(json(201, """
        {"sha":"cd8274d15fa3ae2ab983129fb037999f264ba9a7","tree":[],"truncated":false}""")));
    github.stubFor(post(urlEqualTo("/repos/acme/billing/git/commits")).willReturn(json(201, """
        {"sha":"7638417db6d59f3c431d3e1f261cc637155684cd","message":"Add catalog-info.yaml","tree":{"sha":"cd8274d15fa3ae2ab983129fb037999f264ba9a7"}}""")));
    github.stubFor(post(urlEqualTo("/repos/acme/billing/git/refs")).willReturn(json(201, """
        {"ref":"refs/heads/add-catalog-info","object":{"sha":"7638417db6d59f3c431d3e1f261cc637155684cd","type":"commit"}}""")));
    github.stubFor(post(urlEqualTo("/repos/acme/billing/pulls")).willReturn(json(201, """
        {"id":1,"number":42,"state":"open","html_url":"https://github.com/acme/billing/pull/42","title":"Add catalog-info.yaml",
         "head":{"ref":"add-catalog-info"},"base":{"ref":"trunk"},"draft":false}""")));
    github.stubFor(post(urlEqualTo("/repos/acme/billing/pulls/42/requested_reviewers")).willReturn(json(201, "{\"number\":42}")));
    github.stubFor(post(urlEqualTo("/repos/acme/billing/actions/workflows/deploy.yml/dispatches")).willReturn(aResponse().withStatus(204)));
  }

  @AfterEach
  void stop() throws Exception {
    scaffolder.close();
    github.stop();
  }

  private JsonNode runTask(String values) throws Exception {
    return scaffolder.runTask("Bearer " + dev.backlot.testing.TestTokens.userToken(ALICE), ALICE,
        "{\"templateRef\": \"template:default/change\", \"values\": " + values + "}");
  }

  @Test
  void aPullRequestIsCommittedOnTheDefaultBranchsTreeAndAWorkflowDispatchedWithInputs() throws Exception {
    JsonNode task = runTask("{\"inputs\": {\"environment\": \"staging\"}}");
    assertEquals("completed", task.path("status").asText(), task.path("events").toString());
    assertEquals("https://github.com/acme/billing/pull/42", task.at("/output/links/0/url").asText());
    assertEquals(42, task.at("/output/number").asInt());
    github.verify(postRequestedFor(urlEqualTo("/repos/acme/billing/git/trees"))
        .withRequestBody(equalToJson("{\"base_tree\": \"9fb037999f264ba9a7cd8274d15fa3ae2ab98312\", \"tree\": [{\"path\": \"services/billing/catalog-info.yaml\","
            + " \"mode\": \"100644\", \"type\": \"blob\", \"sha\": \"3a0f86fb8db8eea7ccbb9a95f325ddbedfb25e15\"}]}")));
    github.verify(postRequestedFor(urlEqualTo("/repos/acme/billing/git/commits")).withRequestBody(equalToJson(
        "{\"message\": \"Add catalog-info.yaml\", \"tree\": \"cd8274d15fa3ae2ab983129fb037999f264ba9a7\", \"parents\": [\"aa218f56b14c9653891f9e74264a383fa43fefbd\"]}")));
    github.verify(postRequestedFor(urlEqualTo("/repos/acme/billing/git/refs")).withRequestBody(equalToJson(
        "{\"ref\": \"refs/heads/add-catalog-info\", \"sha\": \"7638417db6d59f3c431d3e1f261cc637155684cd\"}")));
    github.verify(postRequestedFor(urlEqualTo("/repos/acme/billing/pulls")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withRequestBody(equalToJson("{\"title\": \"Add catalog-info.yaml\", \"head\": \"add-catalog-info\", \"base\": \"trunk\","
            + " \"body\": \"Registers billing\", \"draft\": false}")));
    github.verify(postRequestedFor(urlEqualTo("/repos/acme/billing/pulls/42/requested_reviewers"))
        .withRequestBody(equalToJson("{\"reviewers\": [\"octocat\"], \"team_reviewers\": []}")));
    github.verify(postRequestedFor(urlEqualTo("/repos/acme/billing/actions/workflows/deploy.yml/dispatches"))
        .withRequestBody(equalToJson("{\"ref\": \"main\", \"inputs\": {\"environment\": \"staging\"}}")));
  }

  @Test
  void aRepoUrlWhoseDecodedNameWouldLeaveTheRepositoryFailsBeforeCallingGitHub() throws Exception {
    // Who: anyone filling a template's form. parseRepoUrl decodes %2F, so the name would walk the
    // API path to another resource, with the integration's token.
    scaffolder.catalog.add(Json.MAPPER.readTree("""
        {"apiVersion": "scaffolder.backstage.io/v1beta3", "kind": "Template", "metadata": {"name": "steer"},
         "spec": {"parameters": {"properties": {"repoUrl": {"type": "string"}}},
           "steps": [{"id": "dispatch", "action": "github:actions:dispatch", "input": {"repoUrl": "${{ parameters.repoUrl }}",
             "workflowId": "deploy.yml", "branchOrTagName": "main"}}]}}"""));
    for (String repoUrl : List.of("github.com?owner=acme&repo=billing%2F..%2F..%2Forgs%2Facme", "github.com?owner=..&repo=billing",
        "github.com?owner=acme&repo=..", "github.com?owner=acme&repo=bill%20ing")) {
      JsonNode task = scaffolder.runTask("Bearer " + dev.backlot.testing.TestTokens.userToken(ALICE), ALICE,
          "{\"templateRef\": \"template:default/steer\", \"values\": {\"repoUrl\": " + Json.MAPPER.writeValueAsString(repoUrl) + "}}");
      assertEquals("failed", task.path("status").asText(), repoUrl);
      assertTrue(task.path("events").toString().contains("GitHub's name characters"), task.path("events").toString());
    }
    assertTrue(github.getAllServeEvents().isEmpty(), "no request reached GitHub");
  }

  @Test
  void moreThanTenWorkflowInputsFailTheStepBeforeCallingGitHub() throws Exception {
    StringBuilder inputs = new StringBuilder("{");
    for (int i = 0; i < 11; i++) {
      inputs.append(i == 0 ? "" : ",").append("\"k").append(i).append("\": \"v\"");
    }
    JsonNode task = runTask("{\"inputs\": " + inputs + "}}");
    assertEquals("failed", task.path("status").asText());
    assertTrue(task.path("events").toString().contains("workflowInputs has 11 properties; GitHub accepts at most 10"), task.path("events").toString());
    github.verify(0, postRequestedFor(urlEqualTo("/repos/acme/billing/actions/workflows/deploy.yml/dispatches")));
  }

  @Test
  void theActionsListTheirInputSchemas() throws Exception {
    JsonNode actions = Json.MAPPER.readTree(scaffolder.send("GET", "/v2/actions", ALICE, null).body());
    Map<String, JsonNode> byId = new java.util.HashMap<>();
    actions.forEach(action -> byId.put(action.path("id").asText(), action));
    assertEquals("[\"repoUrl\",\"title\",\"description\",\"branchName\"]",
        byId.get("publish:github:pull-request").at("/schema/input/required").toString());
    assertEquals("[\"repoUrl\",\"workflowId\",\"branchOrTagName\"]", byId.get("github:actions:dispatch").at("/schema/input/required").toString());
    assertEquals("[\"url\",\"targetPath\"]", byId.get("fetch:template:file").at("/schema/input/required").toString());
    assertTrue(byId.get("publish:github:pull-request").at("/schema/output/properties/pullRequestNumber").isObject());
  }
}
