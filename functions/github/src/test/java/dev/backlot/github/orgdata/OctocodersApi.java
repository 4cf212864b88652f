package dev.backlot.github.orgdata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * GitHub's REST API for the organisation Octocoders, in GitHub's response shapes (team, simple
 * user and public user objects as the REST reference documents them), on a WireMock server:
 * engineering with the nested teams platform and payments, four members, teams and members
 * listed across two pages. Team member lists include child teams' members, as GitHub's do.
 */
public final class OctocodersApi {
  private OctocodersApi() {}

  public static void stub(WireMockServer server) {
    String teams = "/orgs/Octocoders/teams?per_page=100";
    page(server, teams, teams + "&page=2", team(100, "engineering", "Engineering", "All of engineering", null),
        team(102, "payments", "Payments", null, team(100, "engineering", "Engineering", "All of engineering", null)));
    page(server, teams + "&page=2", null, team(101, "platform", "Platform", "Runs the platform",
        team(100, "engineering", "Engineering", "All of engineering", null)));
    page(server, "/orgs/Octocoders/teams/engineering/members?per_page=100", null, member("mona", 1), member("hubot", 2), member("codertocat", 3));
    page(server, "/orgs/Octocoders/teams/platform/members?per_page=100", null, member("mona", 1));
    page(server, "/orgs/Octocoders/teams/payments/members?per_page=100", null, member("hubot", 2));
    String members = "/orgs/Octocoders/members?per_page=100";
    page(server, members, members + "&page=2", member("mona", 1), member("hubot", 2));
    page(server, members + "&page=2", null, member("codertocat", 3), member("octocat", 4));
    user(server, "mona", 1, "Mona Lisa Octocat", "mona@octocoders.example", "Keeps the lights on");
    user(server, "hubot", 2, null, null, null);
    user(server, "codertocat", 3, "Coder Tocat", null, null);
    user(server, "octocat", 4, "The Octocat", "octocat@github.com", null);
  }

  /** The payments team is deleted on GitHub: teams and engineering's members no longer list it or hubot. */
  public static void deletePaymentsTeam(WireMockServer server) {
    String teams = "/orgs/Octocoders/teams?per_page=100";
    page(server, teams, teams + "&page=2", team(100, "engineering", "Engineering", "All of engineering", null));
    page(server, "/orgs/Octocoders/teams/engineering/members?per_page=100", null, member("mona", 1), member("codertocat", 3));
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
    server.stubFor(get(urlEqualTo(path)).willReturn(response));
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
