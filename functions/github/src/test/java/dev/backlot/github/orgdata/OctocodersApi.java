package dev.backlot.github.orgdata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * GitHub's REST API for the organisation Octocoders, in GitHub's response shapes (team, simple
 * user and public user objects as the REST reference documents them), on a WireMock server:
 * engineering with the nested teams platform and payments, four members, teams and members
 * listed across two pages, at the paths github-api reads them from. Team member lists include
 * child teams' members, as GitHub's do.
 */
public final class OctocodersApi {
  private OctocodersApi() {}

  /** The organisation's id, in the paths github-api uses for its teams. */
  static final int ORG_ID = 38302899;
  public static final String TEAMS = "/orgs/Octocoders/teams?per_page=100";
  private static final String ENGINEERING = team(100, "engineering", "Engineering", "All of engineering", null);
  private static final String PLATFORM = team(101, "platform", "Platform", "Runs the platform", ENGINEERING);
  private static final String PAYMENTS = team(102, "payments", "Payments", null, ENGINEERING);

  public static void stub(WireMockServer server) {
    server.stubFor(get(urlEqualTo("/orgs/Octocoders")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8").withBody("""
            {"login":"Octocoders","id":%d,"node_id":"MDEyOk9yZ2FuaXphdGlvbjM4MzAyODk5","url":"%s/orgs/Octocoders",
             "description":"Coders of the Octoverse","name":"Octocoders","type":"Organization",
             "html_url":"https://github.com/Octocoders","created_at":"2018-04-16T10:00:00Z"}""".formatted(ORG_ID, server.baseUrl()))));
    page(server, TEAMS, TEAMS + "&page=2", ENGINEERING, PAYMENTS);
    page(server, TEAMS + "&page=2", null, PLATFORM);
    page(server, members(100), null, member("mona", 1), member("hubot", 2), member("codertocat", 3));
    page(server, members(101), null, member("mona", 1));
    page(server, members(102), null, member("hubot", 2));
    String members = "/orgs/Octocoders/members?per_page=100";
    page(server, members, members + "&page=2", member("mona", 1), member("hubot", 2));
    page(server, members + "&page=2", null, member("codertocat", 3), member("octocat", 4));
    user(server, "mona", 1, "Mona Lisa Octocat", "mona@octocoders.example", "Keeps the lights on");
    user(server, "hubot", 2, null, null, null);
    user(server, "codertocat", 3, "Coder Tocat", null, null);
    user(server, "octocat", 4, "The Octocat", "octocat@github.com", null);
  }

  /** {@code GET /organizations/{org_id}/team/{team_id}/members}, the path github-api lists a team's members at. */
  public static String members(int teamId) {
    return "/organizations/" + ORG_ID + "/team/" + teamId + "/members?role=all&per_page=100";
  }

  /** The payments team is deleted on GitHub: teams and engineering's members no longer list it or hubot. */
  public static void deletePaymentsTeam(WireMockServer server) {
    page(server, TEAMS, TEAMS + "&page=2", ENGINEERING);
    page(server, members(100), null, member("mona", 1), member("codertocat", 3));
  }

  /** {@code login} joins the organisation, in no team yet. */
  public static void addMember(WireMockServer server, String login, int id) {
    String members = "/orgs/Octocoders/members?per_page=100";
    page(server, members + "&page=2", null, member("codertocat", 3), member("octocat", 4), member(login, id));
    user(server, login, id, "New Member", null, null);
  }

  /** One page of a listing; {@code next} (a path) becomes the {@code Link} header GitHub sends. */
  static void page(WireMockServer server, String path, String next, String... items) {
    var response = aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("[" + String.join(",", items) + "]");
    if (next != null) {
      response.withHeader("Link", "<" + server.baseUrl() + next + ">; rel=\"next\", <" + server.baseUrl() + next + ">; rel=\"last\"");
    }
    server.stubFor(listing(path).willReturn(response));
  }

  /**
   * {@code GET} of {@code pathAndQuery} with exactly its query parameters in any order: a first
   * page has no {@code page} parameter; the next pages are where the {@code Link} header points.
   */
  public static MappingBuilder listing(String pathAndQuery) {
    URI uri = URI.create(pathAndQuery);
    MappingBuilder mapping = get(urlPathEqualTo(uri.getPath()));
    Map<String, String> parameters = new HashMap<>();
    for (String parameter : uri.getQuery() == null ? new String[0] : uri.getQuery().split("&")) {
      parameters.put(parameter.substring(0, parameter.indexOf('=')), parameter.substring(parameter.indexOf('=') + 1));
    }
    parameters.forEach((name, value) -> mapping.withQueryParam(name, equalTo(value)));
    if (!parameters.containsKey("page")) {
      mapping.withQueryParam("page", absent());
    }
    return mapping;
  }

  /** A team as {@code GET /orgs/{org}/teams} lists it; {@code parent} is a team too, or null. */
  static String team(int id, String slug, String name, String description, String parent) {
    return """
        {"id":%d,"node_id":"MDQ6VGVhbTE%d","url":"https://api.github.com/teams/%d","html_url":"https://github.com/orgs/Octocoders/teams/%s",
         "name":"%s","slug":"%s","description":%s,"privacy":"closed","notification_setting":"notifications_enabled",
         "permission":"pull","members_url":"https://api.github.com/teams/%d/members{/member}",
         "repositories_url":"https://api.github.com/teams/%d/repos","parent":%s}"""
        .formatted(id, id, id, slug, name, slug, description == null ? "null" : "\"" + description + "\"", id, id,
            parent == null ? "null" : parent.replace(",\"parent\":null", ""));
  }

  /** A simple user, as member listings show them. */
  static String member(String login, int id) {
    return """
        {"login":"%s","id":%d,"node_id":"MDQ6VXNlcj%d","avatar_url":"https://avatars.githubusercontent.com/u/%d?v=4","gravatar_id":"",
         "url":"https://api.github.com/users/%s","html_url":"https://github.com/%s","type":"User","site_admin":false}"""
        .formatted(login, id, id, id, login, login);
  }

  /** {@code GET /users/{login}}: the public profile, where name, email and bio may be null. */
  static void user(WireMockServer server, String login, int id, String name, String email, String bio) {
    String profile = member(login, id).replaceFirst("}$", "") + """
        ,"name":%s,"company":null,"blog":"","location":null,"email":%s,"hireable":null,"bio":%s,"twitter_username":null,
         "public_repos":2,"public_gists":0,"followers":20,"following":0,"created_at":"2011-01-25T18:44:36Z","updated_at":"2026-10-01T10:00:00Z"}"""
        .formatted(quoted(name), quoted(email), quoted(bio));
    server.stubFor(get(urlEqualTo("/users/" + login)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8").withBody(profile)));
  }

  private static String quoted(String value) {
    return value == null ? "null" : "\"" + value + "\"";
  }
}
