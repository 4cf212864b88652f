package dev.backlot.github.orgdata;

import static dev.backlot.github.api.GitHubFailure.reading;

import dev.backlot.github.api.GitHubClients;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kohsuke.github.GHOrganization;
import org.kohsuke.github.GHTeam;
import org.kohsuke.github.GHUser;
import org.kohsuke.github.GitHub;

/**
 * Reads an organisation's teams and people through GitHub's REST API with github-api: its
 * teams, each team's members and child teams, the organisation's members, and each member's
 * public profile ({@code GET /users/{login}}: name, public email, avatar), except the profiles
 * the caller knows already. github-api's team has no parent, so the hierarchy comes from each
 * team's child teams. Any failed request fails the whole read, so a partial organisation is never
 * taken for the whole one. Requests go one after another, as GitHub asks of API clients to stay
 * clear of its secondary rate limits.
 */
final class OrgReader {
  /** 100 a page, GitHub's largest. */
  private static final int PAGE = 100;

  /** A team with its parent's slug and its immediate members' logins. */
  record Team(long id, String slug, String name, String description, String parentSlug, Set<String> members) {}

  /** A member as {@code GET /users/{login}} shows them; null fields are not public. */
  record Person(String login, String name, String email, String avatarUrl, String bio) {}

  /** The organisation read: teams by slug, people by login (sorted, so entities come out the same each time). */
  record Org(Map<String, Team> teams, Map<String, Person> people) {}

  private final GitHubClients github;

  OrgReader(GitHubClients github) {
    this.github = github;
  }

  Org read(OrgTarget target, Map<String, Person> knownProfiles) throws IOException {
    GitHub client = github.connect(target.host(), target.organization());
    GHOrganization organization = reading("the organisation " + target, () -> client.getOrganization(target.organization()));
    Map<String, GHTeam> teamsBySlug = new TreeMap<>();
    reading("the teams of " + target, () -> organization.listTeams().withPageSize(PAGE).toList())
        .forEach(team -> teamsBySlug.put(team.getSlug(), team));
    Map<String, Set<String>> listed = new LinkedHashMap<>();
    Map<String, String> parents = new HashMap<>();
    for (GHTeam team : teamsBySlug.values()) {
      listed.put(team.getSlug(), logins(reading("the members of team " + team.getSlug(), () -> team.listMembers().withPageSize(PAGE).toList())));
      reading("the child teams of " + team.getSlug(), () -> team.listChildTeams().withPageSize(PAGE).toList())
          .forEach(child -> parents.put(child.getSlug(), team.getSlug()));
    }
    Map<String, Team> teams = new TreeMap<>();
    teamsBySlug.forEach((slug, team) -> teams.put(slug, new Team(team.getId(), slug, blankToNull(team.getName()) == null ? slug : team.getName(),
        blankToNull(team.getDescription()), parents.get(slug), immediateMembers(slug, parents, listed))));
    Set<String> logins = logins(reading("the members of " + target, () -> organization.listMembers().withPageSize(PAGE).toList()));
    listed.values().forEach(logins::addAll);
    Map<String, Person> people = new TreeMap<>();
    for (String login : logins) {
      if (knownProfiles.containsKey(login)) {
        people.put(login, knownProfiles.get(login));
        continue;
      }
      GHUser user = reading("user " + login, () -> client.getUser(login));
      people.put(login, new Person(login, blankToNull(user.getName()), blankToNull(user.getEmail()), blankToNull(user.getAvatarUrl()),
          blankToNull(user.getBio())));
    }
    return new Org(teams, people);
  }

  /**
   * GitHub's REST listing of a team's members includes the members of its child teams; Backstage
   * makes users members of the teams they are directly in and lets the hierarchy say the rest.
   * So the members of child teams are taken out (someone directly in both a team and its child
   * stays reachable through the child).
   */
  private static Set<String> immediateMembers(String slug, Map<String, String> parents, Map<String, Set<String>> listed) {
    Set<String> inChildren = new HashSet<>();
    parents.forEach((child, parent) -> {
      if (slug.equals(parent) && listed.containsKey(child)) {
        inChildren.addAll(listed.get(child));
      }
    });
    Set<String> immediate = new TreeSet<>(listed.get(slug));
    immediate.removeAll(inChildren);
    return immediate;
  }

  private static Set<String> logins(List<GHUser> users) {
    Set<String> logins = new TreeSet<>();
    users.forEach(user -> logins.add(user.getLogin()));
    return logins;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** The slugs of the teams {@code login} is directly in. */
  static List<String> teamsOf(Org org, String login) {
    List<String> slugs = new ArrayList<>();
    org.teams().values().stream().filter(team -> team.members().contains(login)).forEach(team -> slugs.add(team.slug()));
    return slugs;
  }
}
