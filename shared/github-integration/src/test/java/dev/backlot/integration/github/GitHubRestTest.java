package dev.backlot.integration.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.backlot.platform.http.Json;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one JSON call to GitHub's REST API, against a WireMock GitHub and a second server standing for another host. */
class GitHubRestTest {
  private static final String TOKEN = "ghs_secret-installation-token";

  private final WireMockServer github = new WireMockServer(options().dynamicPort());
  private final WireMockServer elsewhere = new WireMockServer(options().dynamicPort());
  private GitHubRest rest;

  @BeforeEach
  void start() {
    github.start();
    elsewhere.start();
    elsewhere.stubFor(post(anyUrl()).willReturn(okJson("{}")));
    rest = new GitHubRest(github.baseUrl(), Optional.of("Bearer " + TOKEN), "backlot-test");
  }

  @AfterEach
  void stop() {
    github.stop();
    elsewhere.stop();
  }

  @Test
  void aCallSendsItsJsonWithTheAuthorizationAndAnswersGitHubsJson() throws Exception {
    github.stubFor(post(urlEqualTo("/repos/acme/billing/git/refs")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")).withHeader("User-Agent", equalTo("backlot-test"))
        .withRequestBody(equalToJson("{\"ref\":\"refs/heads/main\"}"))
        .willReturn(aResponse().withStatus(201).withBody("{\"ref\":\"refs/heads/main\"}")));

    assertEquals("refs/heads/main", rest.call("POST", "/repos/acme/billing/git/refs", Json.object().put("ref", "refs/heads/main")).path("ref").asText());
  }

  @Test
  void aRefusalCarriesGitHubsMessageAndStatusButNeverTheAuthorization() {
    github.stubFor(post(urlEqualTo("/orgs/acme/repos")).willReturn(aResponse().withStatus(422).withBody("""
        {"message":"Repository creation failed.","errors":[{"resource":"Repository","field":"name","message":"name already exists on this account"}]}""")));

    GitHubRefusal refusal = assertThrows(GitHubRefusal.class, () -> rest.call("POST", "/orgs/acme/repos", Json.object().put("name", "billing")));

    assertEquals(422, refusal.status());
    assertTrue(refusal.getMessage().startsWith("GitHub answered 422 to POST /orgs/acme/repos: Repository creation failed. ["), refusal.getMessage());
    assertTrue(refusal.githubMessage().contains("name already exists on this account"), refusal.githubMessage());
    assertFalse(refusal.getMessage().contains(TOKEN));
  }

  @Test
  void aRedirectToAnotherHostIsNotFollowedSoTheTokenStaysOnGitHub() throws Exception {
    github.stubFor(post(urlEqualTo("/repos/acme/billing/pulls")).willReturn(aResponse().withStatus(307)
        .withHeader("Location", elsewhere.baseUrl() + "/repos/acme/billing/pulls")));

    GitHubRefusal refusal = assertThrows(GitHubRefusal.class, () -> rest.call("POST", "/repos/acme/billing/pulls", Json.object()));

    assertEquals(307, refusal.status());
    assertEquals(0, elsewhere.findAll(anyRequestedFor(anyUrl())).size(), "the other host got no request, so no token");
  }

  @Test
  void aSameHostTemporaryRedirectIsSentAgainWithItsBody() throws Exception {
    // GitHub moves a renamed repository's calls to /repositories/<id>/...; a 307 keeps the method and body.
    github.stubFor(post(urlEqualTo("/repos/acme/old-name/dispatches")).willReturn(aResponse().withStatus(307)
        .withHeader("Location", "/repositories/700001/dispatches")));
    github.stubFor(post(urlEqualTo("/repositories/700001/dispatches")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .willReturn(aResponse().withStatus(204)));

    assertEquals(Json.object(), rest.call("POST", "/repos/acme/old-name/dispatches", Json.object().put("event_type", "deploy")));
    github.verify(postRequestedFor(urlEqualTo("/repositories/700001/dispatches")).withRequestBody(equalToJson("{\"event_type\":\"deploy\"}")));
  }

  @Test
  void aPermanentRedirectOfAGetIsFollowedButNotOfAPost() throws Exception {
    github.stubFor(get(urlEqualTo("/repos/acme/old-name")).willReturn(aResponse().withStatus(301).withHeader("Location", "/repositories/700001")));
    github.stubFor(post(urlEqualTo("/repos/acme/old-name/forks")).willReturn(aResponse().withStatus(301).withHeader("Location", "/repositories/700001/forks")));
    github.stubFor(get(urlEqualTo("/repositories/700001")).willReturn(okJson("{\"name\":\"new-name\"}")));

    assertEquals("new-name", rest.call("GET", "/repos/acme/old-name", null).path("name").asText());
    assertEquals(301, rest.send("POST", "/repos/acme/old-name/forks", Json.object()).statusCode(), "a 301 might turn the POST into a GET: not followed");
  }
}
