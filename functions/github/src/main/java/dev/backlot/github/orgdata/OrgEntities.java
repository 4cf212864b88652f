package dev.backlot.github.orgdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An organisation as catalog entities, mapped as Backstage's GitHub org provider maps it: each team
 * a Group (name the slug, display name, description, picture, parent and children), each member a
 * User (name the login, display name, public email, avatar, memberOf their teams). The
 * managed-by annotations point at the team's and the user's pages, as Backstage's do.
 */
final class OrgEntities {
  static final String TEAM_SLUG = "github.com/team-slug";
  static final String USER_LOGIN = "github.com/user-login";
  private static final String MANAGED_BY_LOCATION = "backstage.io/managed-by-location";
  private static final String MANAGED_BY_ORIGIN_LOCATION = "backstage.io/managed-by-origin-location";

  /** Backstage's entity name rule; GitHub logins always meet it, long team slugs may not. */
  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]");

  private OrgEntities() {}

  /**
   * The organisation without the teams whose slug cannot name an entity: the catalog refuses a
   * mutation with one invalid entity, and one odd team must not keep the whole organisation out.
   * Their children become top-level teams and their members are members of no team through them.
   */
  static OrgReader.Org nameable(OrgReader.Org org) {
    Map<String, OrgReader.Team> teams = new TreeMap<>(org.teams());
    teams.keySet().removeIf(slug -> !NAME.matcher(slug).matches());
    return new OrgReader.Org(teams, org.people());
  }

  static List<ObjectNode> of(OrgTarget target, OrgReader.Org org) {
    List<ObjectNode> entities = new ArrayList<>();
    org.teams().values().forEach(team -> entities.add(group(target, org, team)));
    org.people().values().forEach(person -> entities.add(user(target, org, person)));
    return entities;
  }

  private static ObjectNode group(OrgTarget target, OrgReader.Org org, OrgReader.Team team) {
    ObjectNode entity = envelope("Group", team.slug(), team.description(),
        target.webUrl("orgs/" + target.organization() + "/teams/" + team.slug()));
    annotations(entity).put(TEAM_SLUG, target.organization() + "/" + team.slug());
    ObjectNode spec = entity.putObject("spec").put("type", "team");
    ObjectNode profile = spec.putObject("profile").put("displayName", team.name());
    if (target.host().equals("github.com")) {
      // The REST team object has no avatar; github.com serves it where GraphQL's avatarUrl points.
      profile.put("picture", "https://avatars.githubusercontent.com/t/" + team.id());
    }
    if (team.parentSlug() != null && org.teams().containsKey(team.parentSlug())) {
      spec.put("parent", team.parentSlug());
    }
    strings(spec.putArray("children"), org.teams().values().stream()
        .filter(child -> team.slug().equals(child.parentSlug())).map(OrgReader.Team::slug).toList());
    strings(spec.putArray("members"), team.members());
    return entity;
  }

  private static ObjectNode user(OrgTarget target, OrgReader.Org org, OrgReader.Person person) {
    ObjectNode entity = envelope("User", person.login(), person.bio(), target.webUrl(person.login()));
    annotations(entity).put(USER_LOGIN, person.login());
    ObjectNode spec = entity.putObject("spec");
    ObjectNode profile = spec.putObject("profile");
    putIfPresent(profile, "displayName", person.name());
    putIfPresent(profile, "email", person.email());
    putIfPresent(profile, "picture", person.avatarUrl());
    strings(spec.putArray("memberOf"), OrgReader.teamsOf(org, person.login()));
    return entity;
  }

  /**
   * The profile a User entity of this mapping carries, read back (the login from its {@code
   * github.com/user-login} annotation); empty for any other entity.
   */
  static Optional<OrgReader.Person> person(JsonNode user) {
    String login = user.path("metadata").path("annotations").path(USER_LOGIN).asText("");
    if (login.isEmpty()) {
      return Optional.empty();
    }
    JsonNode profile = user.path("spec").path("profile");
    return Optional.of(new OrgReader.Person(login, text(profile, "displayName"), text(profile, "email"), text(profile, "picture"),
        text(user.path("metadata"), "description")));
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).isTextual() ? node.get(field).asText() : null;
  }

  private static ObjectNode envelope(String kind, String name, String description, String page) {
    ObjectNode entity = JsonNodeFactory.instance.objectNode().put("apiVersion", "backstage.io/v1alpha1").put("kind", kind);
    ObjectNode metadata = entity.putObject("metadata").put("name", name).put("namespace", "default");
    putIfPresent(metadata, "description", description);
    metadata.putObject("annotations").put(MANAGED_BY_LOCATION, "url:" + page).put(MANAGED_BY_ORIGIN_LOCATION, "url:" + page);
    return entity;
  }

  private static ObjectNode annotations(ObjectNode entity) {
    return (ObjectNode) entity.get("metadata").get("annotations");
  }

  private static void strings(ArrayNode array, Collection<String> values) {
    values.forEach(array::add);
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
