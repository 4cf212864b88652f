package dev.backlot.github.orgdata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.backlot.github.TestGitHubPlugin;
import dev.backlot.github.api.GitHubClients;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import dev.backlot.testing.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Org sync against one WireMock server playing GitHub's REST API and the catalog's provider endpoint. */
class OrgSyncTest {
  private static final String MUTATIONS = "/api/catalog/providers/github-org:github.com:octocoders/mutations";
  private final WireMockServer server = new WireMockServer(options().dynamicPort());
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T10:00:00Z"));
  private Database database;

  @BeforeEach
  void start(@TempDir Path dir) {
    server.start();
    database = TestGitHubPlugin.migrated(Database.connect("jdbc:sqlite:" + dir.resolve("github.db")));
    OctocodersApi.stub(server);
    server.stubFor(post(urlPathMatching("/api/catalog/providers/.*/mutations"))
        .willReturn(okJson("{\"added\":7,\"updated\":0,\"unchanged\":1,\"removed\":0,\"conflicts\":[\"user:default/hubot is already managed by x\"]}")));
    catalogHasUsers("[]");
  }

  @AfterEach
  void stop() {
    server.stop();
    database.close();
  }

  /** The catalog's answer to the look-up of users with a github.com/user-login annotation. */
  private void catalogHasUsers(String users) {
    server.stubFor(get(urlPathEqualTo("/api/catalog/entities")).willReturn(okJson(users)));
  }

  /** Org sync of Octocoders, four reads at a time. */
  private OrgSync sync() {
    return sync(4);
  }

  private OrgSync sync(int concurrency) {
    return sync(concurrency, "Octocoders");
  }

  private OrgSync sync(int concurrency, String... organizations) {
    Config config = Config.of(Map.of(
        "integrations", Map.of("github", List.of(Map.of("host", "github.com", "apiBaseUrl", server.baseUrl(), "token", "ghp_test"))),
        "github", Map.of("orgs", java.util.Arrays.stream(organizations).map(org -> Map.of("organization", org)).toList(),
            "orgSyncConcurrency", concurrency)));
    return OrgSync.fromConfig(config, GitHubClients.fromConfig(config), TestGitHubPlugin.catalogAt(server.baseUrl()),
        database, clock);
  }

  /** The entities of the one mutation the catalog received, by kind:name. */
  private Map<String, JsonNode> sent() throws Exception {
    assertEquals(1, server.findAll(postRequestedFor(urlPathEqualTo(MUTATIONS))).size());
    return lastSent();
  }

  /** The User entities of the last mutation, as the catalog answers a look-up of them. */
  private String usersLastSent() throws Exception {
    return Json.MAPPER.writeValueAsString(lastSent().entrySet().stream().filter(e -> e.getKey().startsWith("User:")).map(Map.Entry::getValue).toList());
  }

  /** The entities of the last mutation the catalog received, by kind:name. */
  private Map<String, JsonNode> lastSent() throws Exception {
    List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo(MUTATIONS)));
    LoggedRequest last = requests.get(requests.size() - 1);
    JWTClaimsSet caller = SignedJWT.parse(last.getHeader("Authorization").substring("Bearer ".length())).getJWTClaimsSet();
    assertEquals("plugin:github", caller.getSubject(), "sent with the GitHub plugin's own service token");
    assertEquals(List.of("catalog"), caller.getAudience());
    JsonNode body = Json.MAPPER.readTree(last.getBody());
    assertEquals("full", body.path("type").asText());
    Map<String, JsonNode> entities = new HashMap<>();
    for (JsonNode item : body.get("entities")) {
      assertEquals("github-org-provider:github.com/octocoders", item.path("locationKey").asText());
      entities.put(item.at("/entity/kind").asText() + ":" + item.at("/entity/metadata/name").asText(), item.get("entity"));
    }
    return entities;
  }

  private static List<String> strings(JsonNode array) {
    return Json.MAPPER.convertValue(array, List.class);
  }

  @Test
  void teamsBecomeNestedGroupsAndMembersUsersInOneFullMutation() throws Exception {
    List<OrgSync.Outcome> outcomes = sync().syncAll();
    assertEquals(1, outcomes.size());
    OrgSync.Outcome outcome = outcomes.get(0);
    assertNull(outcome.error());
    assertEquals(3, outcome.groups());
    assertEquals(List.of(), outcome.skipped());
    assertEquals(4, outcome.users(), "octocat is in no team, and on the second page of members");
    assertEquals(7, outcome.applied().added());
    assertEquals(List.of("user:default/hubot is already managed by x"), outcome.applied().conflicts());

    Map<String, JsonNode> entities = sent();
    assertEquals(7, entities.size(), entities.keySet().toString());
    JsonNode engineering = entities.get("Group:engineering");
    assertEquals("team", engineering.at("/spec/type").asText());
    assertEquals("Engineering", engineering.at("/spec/profile/displayName").asText());
    assertEquals("https://avatars.githubusercontent.com/t/100", engineering.at("/spec/profile/picture").asText());
    assertEquals("All of engineering", engineering.at("/metadata/description").asText());
    assertEquals("Octocoders/engineering", engineering.at("/metadata/annotations/github.com~1team-slug").asText());
    assertEquals("url:https://github.com/orgs/Octocoders/teams/engineering",
        engineering.at("/metadata/annotations/backstage.io~1managed-by-location").asText());
    assertTrue(engineering.at("/spec/parent").isMissingNode());
    assertEquals(List.of("payments", "platform"), strings(engineering.at("/spec/children")), "platform came on the second page of teams");
    assertEquals(List.of("codertocat"), strings(engineering.at("/spec/members")), "child teams' members are theirs, not engineering's");
    JsonNode platform = entities.get("Group:platform");
    assertEquals("engineering", platform.at("/spec/parent").asText());
    assertEquals(List.of(), strings(platform.at("/spec/children")));
    assertEquals(List.of("mona"), strings(platform.at("/spec/members")));
    assertTrue(entities.get("Group:payments").at("/metadata/description").isMissingNode());

    JsonNode mona = entities.get("User:mona");
    assertEquals("mona", mona.at("/metadata/annotations/github.com~1user-login").asText());
    assertEquals("url:https://github.com/mona", mona.at("/metadata/annotations/backstage.io~1managed-by-location").asText());
    assertEquals("Mona Lisa Octocat", mona.at("/spec/profile/displayName").asText());
    assertEquals("mona@octocoders.example", mona.at("/spec/profile/email").asText());
    assertEquals("https://avatars.githubusercontent.com/u/1?v=4", mona.at("/spec/profile/picture").asText());
    assertEquals("Keeps the lights on", mona.at("/metadata/description").asText());
    assertEquals(List.of("platform"), strings(mona.at("/spec/memberOf")));
    JsonNode hubot = entities.get("User:hubot");
    assertTrue(hubot.at("/spec/profile/displayName").isMissingNode() && hubot.at("/spec/profile/email").isMissingNode(),
        "no public name or email: none made up");
    assertEquals(List.of("engineering"), strings(entities.get("User:codertocat").at("/spec/memberOf")));
    assertEquals(List.of(), strings(entities.get("User:octocat").at("/spec/memberOf")));
    server.verify(getRequestedFor(urlEqualTo("/users/octocat")).withHeader("Authorization",
        com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer ghp_test")));
  }

  @Test
  void aTeamWhoseSlugCannotNameAnEntityIsSkippedAndTheRestSent() throws Exception {
    String slug = "a-team-whose-name-is-much-too-long-to-be-the-name-of-a-catalog-entity";
    String platform = OctocodersApi.team(101, "platform", "Platform", "Runs the platform", OctocodersApi.team(100, "engineering", "Engineering", null, null));
    String longNamed = OctocodersApi.team(103, slug, "A team whose name is much too long", null, OctocodersApi.team(101, "platform", "Platform", null, null));
    OctocodersApi.page(server, OctocodersApi.TEAMS + "&page=2", null, platform, longNamed);
    OctocodersApi.page(server, OctocodersApi.members(103), null, OctocodersApi.member("mona", 1));
    OrgSync.Outcome outcome = sync().syncAll().get(0);
    assertNull(outcome.error());
    assertEquals(List.of(slug), outcome.skipped());
    Map<String, JsonNode> entities = sent();
    assertEquals(7, entities.size(), entities.keySet().toString());
    assertEquals(List.of(), strings(entities.get("Group:platform").at("/spec/children")));
    assertEquals(List.of(), strings(entities.get("Group:platform").at("/spec/members")), "mona is in the skipped child team");
    assertEquals(List.of(), strings(entities.get("User:mona").at("/spec/memberOf")));
  }

  @Test
  void anOrganisationThatCannotBeReadSendsNothing() {
    server.stubFor(OctocodersApi.listing(OctocodersApi.members(102))
        .willReturn(aResponse().withStatus(502).withBody("{\"message\":\"Server Error\"}")));
    OrgSync.Outcome outcome = sync().syncAll().get(0);
    assertTrue(outcome.error().contains("502") && outcome.error().contains("payments"), outcome.error());
    server.verify(0, postRequestedFor(urlPathMatching("/api/catalog/.*"))); // nothing sent
  }

  @Test
  void aRejectedMutationIsReportedWithTheCatalogsMessage() {
    server.stubFor(post(urlPathEqualTo(MUTATIONS)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"name\":\"InputError\",\"message\":\"Invalid mutation\"},\"response\":{\"statusCode\":400}}")));
    OrgSync.Outcome outcome = sync().syncAll().get(0);
    assertTrue(outcome.error().contains("400") && outcome.error().contains("Invalid mutation"), outcome.error());
    assertEquals(3, outcome.groups());
  }

  @Test
  void onlyConfiguredOrganisationsAreSynced() {
    assertTrue(sync().syncMemberships("github.com", "someone-else").isEmpty());
    assertTrue(sync().syncMemberships("github.com", "octocoders").isPresent(), "GitHub logins compare without case");
    assertTrue(sync().syncMemberships("ghe.example.com", "Octocoders").isEmpty());
  }

  @Test
  void theScheduledSyncReadsProfilesOlderThanADayTheLongestUnreadFirstAsTimeAllows() throws Exception {
    OrgSync sync = sync(1); // one at a time, so which two profiles the time allows is certain
    assertEquals(4, sync.syncAll().get(0).profilesRead(), "no profile was read before");
    catalogHasUsers(usersLastSent());

    clock.advance(Duration.ofHours(2));
    server.resetRequests();
    assertEquals(0, sync.syncAll().get(0).profilesRead(), "all were read two hours ago");
    server.verify(0, getRequestedFor(urlPathMatching("/users/.*")));
    assertEquals("Mona Lisa Octocat", lastSent().get("User:mona").at("/spec/profile/displayName").asText(), "taken from the catalog");

    clock.advance(Duration.ofHours(28));
    java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
    OrgSync.Outcome hurried = sync.syncAll(() -> checks.incrementAndGet() > 2).get(0);
    assertNull(hurried.error());
    assertEquals(2, hurried.profilesRead(), "time for two of the four day-old profiles");
    assertEquals("Mona Lisa Octocat", lastSent().get("User:mona").at("/spec/profile/displayName").asText(), "the rest as the catalog has them");

    clock.advance(Duration.ofHours(1));
    server.resetRequests();
    assertEquals(2, sync.syncAll().get(0).profilesRead());
    server.verify(getRequestedFor(urlEqualTo("/users/mona")));
    server.verify(getRequestedFor(urlEqualTo("/users/octocat")));
    server.verify(0, getRequestedFor(urlPathMatching("/users/(codertocat|hubot)"))); // read an hour ago
  }

  @Test
  void someoneWhoseProfileThereWasNoTimeForArrivesWithLoginAndAvatarAndIsReadFirstNextTime() throws Exception {
    OrgSync sync = sync();
    OrgSync.Outcome hurried = sync.syncAll(() -> true).get(0);
    assertNull(hurried.error());
    assertEquals(0, hurried.profilesRead());
    assertEquals(4, hurried.users());
    JsonNode mona = sent().get("User:mona");
    assertTrue(mona.at("/spec/profile/displayName").isMissingNode(), mona.toString());
    assertEquals("https://avatars.githubusercontent.com/u/1?v=4", mona.at("/spec/profile/picture").asText(), "from the member listing");
    catalogHasUsers(usersLastSent());

    assertEquals(4, sync.syncAll().get(0).profilesRead());
    assertEquals("Mona Lisa Octocat", lastSent().get("User:mona").at("/spec/profile/displayName").asText());
  }

  @Test
  void withoutTheCatalogsProfilesAndNoTimeToReadThemAllNothingIsSent() {
    server.stubFor(get(urlPathEqualTo("/api/catalog/entities")).willReturn(aResponse().withStatus(503)));
    OrgSync.Outcome outcome = sync().syncAll(() -> true).get(0);
    assertTrue(outcome.error().contains("out of time reading the profiles of github.com/Octocoders"), outcome.error());
    server.verify(0, postRequestedFor(urlPathMatching("/api/catalog/providers/.*")));
  }

  @Test
  void aDatabaseThatCannotBeReadCostsProfileReadsNotTheSync() throws Exception {
    OrgSync sync = sync(1);
    sync.syncAll();
    catalogHasUsers(usersLastSent());
    database.close();
    server.resetRequests();

    OrgSync.Outcome outcome = sync.syncAll().get(0);

    assertNull(outcome.error());
    assertEquals(4, outcome.profilesRead(), "not knowing when they were read, every profile is read again");
    assertEquals(1, server.findAll(postRequestedFor(urlPathEqualTo(MUTATIONS))).size());
  }

  @Test
  void oneCallLooksUpTheCatalogsUsersOnceForAllItsOrganisations() {
    server.stubFor(get(urlEqualTo("/orgs/Empty-Org")).willReturn(okJson("{\"login\":\"Empty-Org\",\"id\":7,\"type\":\"Organization\"}")));
    OctocodersApi.page(server, "/orgs/Empty-Org/teams?per_page=100", null);
    OctocodersApi.page(server, "/orgs/Empty-Org/members?per_page=100", null);

    List<OrgSync.Outcome> outcomes = sync(1, "Octocoders", "Empty-Org").syncAll();

    assertEquals(List.of(4, 0), outcomes.stream().map(OrgSync.Outcome::users).toList(), outcomes.toString());
    server.verify(1, getRequestedFor(urlPathEqualTo("/api/catalog/entities")));
  }
}
