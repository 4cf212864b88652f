package dev.backlot.github.orgdata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.github.api.GitHubCalls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads an organisation's teams and people through GitHub's REST API: {@code GET /orgs/{org}/teams},
 * each team's {@code /members}, {@code GET /orgs/{org}/members} and each member's {@code GET
 * /users/{login}} (name, public email, avatar), except the profiles the caller knows already.
 * Any failed request fails the whole read, so a partial organisation is never taken for the whole
 * one. Requests go one after another, as GitHub asks of API clients to stay clear of its
 * secondary rate limits.
 */
final class OrgReader {
  /** 100 a page: 10,000 teams or members are far beyond any organisation this serves. */
  private static final int MAX_PAGES = 100;

  /** A team with its parent's slug and its immediate members' logins. */
  record Team(long id, String slug, String name, String description, String parentSlug, Set<String> members) {}

  /** A member as {@code GET /users/{login}} shows them; null fields are not public. */
  record Person(String login, String name, String email, String avatarUrl, String bio) {}

  /** The organisation read: teams by slug, people by login (sorted, so entities come out the same each time). */
  record Org(Map<String, Team> teams, Map<String, Person> people) {}

  private final GitHubCalls github;

  OrgReader(GitHubCalls github) {
    this.github = github;
  }

  Org read(OrgTarget target, Map<String, Person> knownProfiles) throws IOException {
    String orgPath = github.apiBaseUrl(target.host()) + "/orgs/" + GitHubCalls.encode(target.organization());
    Map<String, JsonNode> teamsBySlug = new TreeMap<>();
    for (JsonNode team : list(target, orgPath + "/teams?per_page=100", "the teams of " + target)) {
      teamsBySlug.put(team.path("slug").asText(), team);
    }
    Map<String, Set<String>> listed = new LinkedHashMap<>();
    for (String slug : teamsBySlug.keySet()) {
      Set<String> logins = new TreeSet<>();
      list(target, orgPath + "/teams/" + GitHubCalls.encode(slug) + "/members?per_page=100", "the members of team " + slug)
          .forEach(member -> logins.add(member.path("login").asText()));
      listed.put(slug, logins);
    }
    Map<String, Team> teams = new TreeMap<>();
    teamsBySlug.forEach((slug, team) -> {
      String parent = team.path("parent").path("slug").asText(null);
      teams.put(slug, new Team(team.path("id").asLong(), slug, team.path("name").asText(slug), text(team, "description"), parent,
          immediateMembers(slug, teamsBySlug, listed)));
    });
    Set<String> logins = new TreeSet<>();
    list(target, orgPath + "/members?per_page=100", "the members of " + target).forEach(member -> logins.add(member.path("login").asText()));
    listed.values().forEach(logins::addAll);
    Map<String, Person> people = new TreeMap<>();
    for (String login : logins) {
      if (knownProfiles.containsKey(login)) {
        people.put(login, knownProfiles.get(login));
        continue;
      }
      JsonNode user = github.object(target.host(), target.organization(), github.apiBaseUrl(target.host()) + "/users/" + GitHubCalls.encode(login),
          "user " + login);
      people.put(login, new Person(login, text(user, "name"), text(user, "email"), text(user, "avatar_url"), text(user, "bio")));
    }
    return new Org(teams, people);
  }

  /**
   * GitHub's REST listing of a team's members includes the members of its child teams; Backstage
   * makes users members of the teams they are directly in and lets the hierarchy say the rest.
   * So the members of child teams are taken out (someone directly in both a team and its child
   * stays reachable through the child).
   */
  private static Set<String> immediateMembers(String slug, Map<String, JsonNode> teams, Map<String, Set<String>> listed) {
    Set<String> inChildren = new HashSet<>();
    teams.forEach((child, team) -> {
      if (slug.equals(team.path("parent").path("slug").asText(null))) {
        inChildren.addAll(listed.get(child));
      }
    });
    Set<String> immediate = new TreeSet<>(listed.get(slug));
    immediate.removeAll(inChildren);
    return immediate;
  }

  private List<JsonNode> list(OrgTarget target, String first, String what) throws IOException {
    return github.list(target.host(), target.organization(), first, MAX_PAGES, what);
  }

  private static String text(JsonNode node, String field) {
    return Optional.ofNullable(node.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText).filter(s -> !s.isBlank()).orElse(null);
  }

  /** The slugs of the teams {@code login} is directly in. */
  static List<String> teamsOf(Org org, String login) {
    List<String> slugs = new ArrayList<>();
    org.teams().values().stream().filter(team -> team.members().contains(login)).forEach(team -> slugs.add(team.slug()));
    return slugs;
  }
}
