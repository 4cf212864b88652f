package dev.backlot.github.bench;

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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.backlot.github.TestGitHubPlugin;
import dev.backlot.github.api.GitHubClients;
import dev.backlot.github.orgdata.OrgSync;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Org sync of a large organisation against a WireMock GitHub that answers every request after a
 * fixed delay standing in for GitHub's latency: {@code teams} teams in a tree five wide,
 * {@code members} members each in one team, 100 a page. Runs scheduled syncs, the catalog
 * answering with the users of the last one, until every profile has been read, then one more;
 * prints per sync the wall time, GitHub requests by kind and the profiles read. Run with
 * {@code ./backlot bench org-sync [teams] [members] [latencyMs] [concurrency]} (200, 2000, 100, 1).
 */
public final class OrgSyncBenchmark {
  private static final String ORG = "bigcorp";

  public static void main(String[] args) throws Exception {
    int teams = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int members = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int latency = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    WireMockServer server = new WireMockServer(options().dynamicPort().containerThreads(64).jettyAcceptors(2));
    server.start();
    try (Database database = TestGitHubPlugin.migrated(Database.connect("jdbc:sqlite:" + Files.createTempDirectory("org-sync-bench")
        .resolve("github.db")))) {
      stubOrganisation(server, teams, members, latency);
      server.stubFor(post(urlPathMatching("/api/catalog/providers/.*/mutations")).willReturn(okJson(
          "{\"added\":0,\"updated\":0,\"unchanged\":0,\"removed\":0,\"conflicts\":[]}")));
      server.stubFor(get(urlPathEqualTo("/api/catalog/entities")).willReturn(okJson("[]")));
      Config config = Config.of(Map.of(
          "integrations", Map.of("github", List.of(Map.of("host", "github.com", "apiBaseUrl", server.baseUrl(), "token", "ghp_bench"))),
          "github", Map.of("orgs", List.of(Map.of("organization", ORG)), "orgSyncConcurrency", concurrency)));
      OrgSync sync = OrgSync.fromConfig(config, GitHubClients.fromConfig(config),
          TestGitHubPlugin.catalogAt(server.baseUrl()), database);

      System.out.printf("org sync, %s, %d cores: %d teams, %d members, %d ms a GitHub request, %d at a time, budget %s s%n",
          LocalDate.now(), Runtime.getRuntime().availableProcessors(), teams, members, latency, concurrency,
          config.getOptionalLong("github.orgSyncTimeBudgetSeconds").orElse(40L));
      System.out.println("sync  wall s  requests  structure  profiles-read  users  error");
      int total = 0;
      for (int run = 1; run <= 20; run++) {
        server.resetRequests();
        long start = System.nanoTime();
        OrgSync.Outcome outcome = sync.syncAll().get(0);
        double seconds = (System.nanoTime() - start) / 1e9;
        int requests = server.findAll(getRequestedFor(urlPathMatching("/(orgs|organizations|users)/.*"))).size();
        int profiles = server.findAll(getRequestedFor(urlPathMatching("/users/.*"))).size();
        System.out.printf("%4d  %6.1f  %8d  %9d  %13d  %5d  %s%n", run, seconds, requests, requests - profiles, outcome.profilesRead(),
            outcome.users(), outcome.error() == null ? "" : outcome.error());
        total += outcome.profilesRead();
        if (outcome.error() != null || (total >= members && outcome.profilesRead() == 0)) {
          break;
        }
        catalogHasUsersOfLastMutation(server);
      }
    } finally {
      server.stop();
    }
  }

  private static void stubOrganisation(WireMockServer server, int teams, int members, int latency) {
    server.stubFor(get(urlEqualTo("/orgs/" + ORG)).willReturn(okJson(
        "{\"login\":\"" + ORG + "\",\"id\":7,\"type\":\"Organization\",\"created_at\":\"2015-01-01T00:00:00Z\"}").withFixedDelay(latency)));
    List<String> teamJson = new ArrayList<>();
    List<List<String>> membersOf = new ArrayList<>();
    for (int t = 0; t < teams; t++) {
      String parent = t == 0 ? "null" : "{\"id\":" + (1000 + (t - 1) / 5) + ",\"slug\":\"team-" + (t - 1) / 5 + "\"}";
      teamJson.add("{\"id\":" + (1000 + t) + ",\"slug\":\"team-" + t + "\",\"name\":\"Team " + t + "\",\"description\":null,"
          + "\"privacy\":\"closed\",\"permission\":\"pull\",\"parent\":" + parent + "}");
      membersOf.add(new ArrayList<>());
    }
    pages(server, "/orgs/" + ORG + "/teams", teamJson, latency);
    List<String> all = new ArrayList<>();
    for (int m = 0; m < members; m++) {
      String login = "person-" + m;
      String user = "{\"login\":\"" + login + "\",\"id\":" + (5000 + m) + ",\"avatar_url\":\"https://avatars.example/u/" + m + "\",\"type\":\"User\"}";
      all.add(user);
      membersOf.get(m % teams).add(user);
      server.stubFor(get(urlEqualTo("/users/" + login)).willReturn(okJson(user.replaceFirst("}$",
          ",\"name\":\"Person " + m + "\",\"email\":null,\"bio\":null,\"created_at\":\"2016-01-01T00:00:00Z\"}")).withFixedDelay(latency)));
    }
    pages(server, "/orgs/" + ORG + "/members", all, latency);
    for (int t = 0; t < teams; t++) {
      pages(server, "/organizations/7/team/" + (1000 + t) + "/members", membersOf.get(t), latency);
    }
  }

  /** {@code items} 100 a page at {@code path}, linked by {@code Link: rel="next"} as GitHub links them. */
  private static void pages(WireMockServer server, String path, List<String> items, int latency) {
    int pageCount = Math.max(1, (items.size() + 99) / 100);
    for (int page = 1; page <= pageCount; page++) {
      List<String> slice = items.subList((page - 1) * 100, Math.min(items.size(), page * 100));
      var response = okJson("[" + String.join(",", slice) + "]").withFixedDelay(latency);
      if (page < pageCount) {
        response.withHeader("Link", "<" + server.baseUrl() + path + "?per_page=100&page=" + (page + 1) + ">; rel=\"next\"");
      }
      var mapping = get(urlPathEqualTo(path)).withQueryParam("per_page", com.github.tomakehurst.wiremock.client.WireMock.equalTo("100"));
      mapping = page == 1 ? mapping.withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.absent())
          : mapping.withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.equalTo(Integer.toString(page)));
      server.stubFor(mapping.willReturn(response));
    }
  }

  /** The catalog now answers the look-up of users with those the last mutation sent. */
  private static void catalogHasUsersOfLastMutation(WireMockServer server) throws Exception {
    List<LoggedRequest> mutations = server.findAll(postRequestedFor(urlPathMatching("/api/catalog/providers/.*/mutations")));
    JsonNode body = Json.MAPPER.readTree(mutations.get(mutations.size() - 1).getBody());
    List<JsonNode> users = new ArrayList<>();
    body.path("entities").forEach(item -> {
      if (item.at("/entity/kind").asText().equals("User")) {
        users.add(item.get("entity"));
      }
    });
    // The catalog's pages of 1,000, as GET /entities?limit=&offset= serves them.
    for (int offset = 0; offset <= users.size(); offset += 1000) {
      ArrayNode page = Json.MAPPER.createArrayNode();
      users.subList(offset, Math.min(users.size(), offset + 1000)).forEach(page::add);
      server.stubFor(get(urlPathEqualTo("/api/catalog/entities"))
          .withQueryParam("offset", com.github.tomakehurst.wiremock.client.WireMock.equalTo(Integer.toString(offset)))
          .willReturn(okJson(page.toString())));
    }
  }
}
