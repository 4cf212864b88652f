package dev.backlot.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.catalog.client.EntityFilterQuery;
import dev.backlot.catalog.client.QueryEntitiesRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the catalog User behind an SSO email, asking the catalog as the shell itself (a service
 * token) through the catalog client, and reads the identity off it: its ref, and the groups its
 * {@code memberOf} relations name. The email is only ever a value: sent inside a JSON predicate,
 * or, as a User's name, checked against Backstage's name rules first.
 */
public final class CatalogUsers {
  // Backstage's entity name: 1-63 characters, letters and digits at both ends, -_. between.
  private static final Pattern ENTITY_NAME = Pattern.compile("[a-z0-9A-Z](?:[-_.a-zA-Z0-9]{0,61}[a-z0-9A-Z])?");

  /** Several Users have the email, so none of them can be chosen; the message names them. */
  public static final class AmbiguousEmail extends Exception {
    AmbiguousEmail(String email, long count, List<String> userRefs) {
      super(count + " User entities have the email " + email + ": " + String.join(", ", userRefs) + (count > userRefs.size() ? ", ..." : ""));
    }
  }

  private final CatalogClient catalog;

  public CatalogUsers(CatalogClient catalog) {
    this.catalog = catalog;
  }

  /** The identity of the User selected by {@code resolver} for {@code email}; empty when the catalog has none. */
  public Optional<ShellIdentity> find(SignInSettings.Resolver resolver, String email) throws IOException, AmbiguousEmail {
    return switch (resolver) {
      case emailMatchingUserEntityProfileEmail -> byProfileEmail(email);
      case emailLocalPartMatchingUserEntityName -> byName(email.substring(0, Math.max(0, email.indexOf('@'))).toLowerCase(Locale.ROOT));
    };
  }

  /**
   * The one User whose {@code spec.profile.email} is {@code email}. Two are enough to refuse: which
   * of them is this person cannot be told, and taking the first would leave it to the sort order.
   */
  private Optional<ShellIdentity> byProfileEmail(String email) throws IOException, AmbiguousEmail {
    CatalogClient.QueryEntitiesResponse users = catalog.queryEntities(QueryEntitiesRequest.where(
        EntityFilterQuery.where("kind", "user").and("spec.profile.email", email)).limit(2));
    if (users.totalItems() > 1 || users.items().size() > 1) {
      List<String> refs = users.items().stream().map(user -> identityOf(user).userRef()).sorted().toList();
      throw new AmbiguousEmail(email, Math.max(users.totalItems(), refs.size()), refs);
    }
    return users.items().stream().findFirst().map(CatalogUsers::identityOf);
  }

  private Optional<ShellIdentity> byName(String name) throws IOException {
    if (!ENTITY_NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    return catalog.getEntityByRef("user:default/" + name).map(CatalogUsers::identityOf);
  }

  static ShellIdentity identityOf(JsonNode user) {
    JsonNode metadata = user.path("metadata");
    String ref = "user:" + metadata.path("namespace").asText("default").toLowerCase(Locale.ROOT) + "/"
        + metadata.path("name").asText().toLowerCase(Locale.ROOT);
    List<String> ownership = new ArrayList<>(List.of(ref));
    for (JsonNode relation : user.path("relations")) {
      String target = relation.path("targetRef").asText("");
      if (relation.path("type").asText().equals("memberOf") && !target.isEmpty() && !ownership.contains(target)) {
        ownership.add(target);
      }
    }
    return new ShellIdentity(ref, ownership);
  }
}
