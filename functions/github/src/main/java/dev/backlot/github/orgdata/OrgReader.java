package dev.backlot.github.orgdata;

import static dev.backlot.github.api.GitHubFailure.reading;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.github.api.GitHubClients;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.kohsuke.github.GHOrganization;
import org.kohsuke.github.GHTeam;
import org.kohsuke.github.GHUser;
import org.kohsuke.github.GitHub;

/**
 * Reads an organisation's teams and people through GitHub's REST API with github-api: its teams
 * (and, from the same listing as JSON, their parents), each team's members, the organisation's
 * members, and each member's public profile ({@code GET /users/{login}}: name, public email,
 * avatar), except the profiles the caller knows already. Any failed request fails the whole
 * read, so a partial organisation is never taken for the whole one. Team members and profiles
 * are read {@code github.orgSyncConcurrency} at a time: 1 by default, as GitHub asks of clients
 * of github.com (its secondary limit allows 900 requests a minute); a GitHub Enterprise Server
 * without rate limits can take more.
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
  private final FewAtATime fewAtATime;

  OrgReader(GitHubClients github, int concurrency) {
    this.github = github;
    this.fewAtATime = new FewAtATime(concurrency);
  }

  /**
   * The profiles a sync has before it reads any: {@code current} ones are taken as they are;
   * {@code dated} ones are read again, the longest unread ({@code readAt}) first, after the people
   * with none, while there is time, and taken as they are after that. {@code complete} says
   * whether the catalog's profiles could be looked up at all: without them, running out of time
   * fails the read rather than blanking names and emails the catalog has.
   */
  record KnownProfiles(Map<String, Person> current, Map<String, Person> dated, Map<String, Instant> readAt, boolean complete) {}

  /** An organisation read, and the logins whose profiles were read from GitHub to read it. */
  record Read(Org org, List<String> profilesRead) {}

  Read read(OrgTarget target, KnownProfiles known, BooleanSupplier outOfTime) throws IOException {
    GitHub client = github.connect(target.host(), target.organization());
    GHOrganization organization = reading("the organisation " + target, () -> client.getOrganization(target.organization()));
    Map<String, GHTeam> teamsBySlug = new TreeMap<>();
    reading("the teams of " + target, () -> organization.listTeams().withPageSize(PAGE).toList())
        .forEach(team -> teamsBySlug.put(team.getSlug(), team));
    Map<String, String> avatars = new HashMap<>();
    Map<String, Set<String>> listed = new LinkedHashMap<>();
    Map<String, String> parents = parents(target);
    List<GHTeam> teamList = List.copyOf(teamsBySlug.values());
    List<List<GHUser>> teamMembers = fewAtATime.map(teamList,
        team -> reading("the members of team " + team.getSlug(), () -> team.listMembers().withPageSize(PAGE).toList()));
    for (int i = 0; i < teamList.size(); i++) {
      listed.put(teamList.get(i).getSlug(), logins(teamMembers.get(i), avatars));
    }
    Map<String, Team> teams = new TreeMap<>();
    teamsBySlug.forEach((slug, team) -> teams.put(slug, new Team(team.getId(), slug, blankToNull(team.getName()) == null ? slug : team.getName(),
        blankToNull(team.getDescription()), parents.get(slug), immediateMembers(slug, parents, listed))));
    Set<String> logins = logins(reading("the members of " + target, () -> organization.listMembers().withPageSize(PAGE).toList()), avatars);
    listed.values().forEach(logins::addAll);

    Map<String, Person> people = new TreeMap<>();
    List<String> profilesRead = new ArrayList<>();
    // Each read starts only while there is time: those queued after the deadline read nothing.
    for (Optional<Person> read : fewAtATime.map(toRead(logins, known), login -> outOfTime.getAsBoolean() ? Optional.<Person>empty()
        : Optional.of(person(reading("user " + login, () -> client.getUser(login)))))) {
      read.ifPresent(person -> {
        people.put(person.login(), person);
        profilesRead.add(person.login());
      });
    }
    for (String login : logins) {
      Person profile = people.containsKey(login) ? people.get(login) : known.current().getOrDefault(login, known.dated().get(login));
      if (profile == null && !known.complete()) {
        throw new IOException("out of time reading the profiles of " + target + ", and the catalog's could not be looked up");
      }
      // Someone new whose profile there was no time for: their login and avatar now, the rest next time.
      people.put(login, profile != null ? profile : new Person(login, null, null, avatars.get(login), null));
    }
    return new Read(new Org(teams, people), profilesRead);
  }

  /**
   * Each team's parent, by slug. github-api's team has no parent, and asking every team for its
   * child teams costs a request per team; GitHub's team listing carries each team's parent, so
   * the same listing read as JSON gives them all for a request per 100 teams.
   */
  private Map<String, String> parents(OrgTarget target) throws IOException {
    Map<String, String> parents = new HashMap<>();
    for (JsonNode team : github.listing(target.host(), target.organization(), "/orgs/" + target.organization() + "/teams?per_page=" + PAGE,
        "the teams of " + target)) {
      String parent = team.path("parent").path("slug").asText("");
      if (!parent.isEmpty()) {
        parents.put(team.path("slug").asText(), parent);
      }
    }
    return parents;
  }

  private static Person person(GHUser user) throws IOException {
    return new Person(user.getLogin(), blankToNull(user.getName()), blankToNull(user.getEmail()), blankToNull(user.getAvatarUrl()),
        blankToNull(user.getBio()));
  }

  /** The logins whose profiles are to be read: those without one first, then the longest unread. */
  private static List<String> toRead(Set<String> logins, KnownProfiles known) {
    return logins.stream().filter(login -> !known.current().containsKey(login))
        .sorted(Comparator.comparing((String login) -> known.dated().containsKey(login))
            .thenComparing(login -> known.readAt().getOrDefault(login, Instant.EPOCH))
            .thenComparing(Comparator.naturalOrder()))
        .toList();
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

  /** The logins of {@code users}, noting each one's avatar, which listings carry, in {@code avatars}. */
  private static Set<String> logins(List<GHUser> users, Map<String, String> avatars) {
    Set<String> logins = new TreeSet<>();
    users.forEach(user -> {
      logins.add(user.getLogin());
      avatars.putIfAbsent(user.getLogin(), blankToNull(user.getAvatarUrl()));
    });
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
