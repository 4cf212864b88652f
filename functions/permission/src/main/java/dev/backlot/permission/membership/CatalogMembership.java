package dev.backlot.permission.membership;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.client.CatalogClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The groups a user is in, with every ancestor of each, read from the catalog through its client
 * as RHDH's role manager reads them: the user entity's {@code memberOf} relations, then each
 * group's {@code childOf} relations (its {@code spec.parent}), level by level with one
 * {@code POST /entities/by-refs} a level. Kept for {@link #TTL} per user, so a page of
 * decisions costs no catalog call; a group change reaches decisions within that time.
 */
public final class CatalogMembership {
  /** How long a user's groups are kept. */
  public static final Duration TTL = Duration.ofSeconds(10);
  /** How many users' groups are kept at most; past it the cache starts over. */
  public static final int MAX_USERS = 10_000;
  /** How many levels of parent groups are followed at most (cycles end sooner: each group is read once). */
  public static final int MAX_DEPTH = 20;

  private record Entry(Set<String> groups, Instant until) {}

  private final CatalogClient catalog;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

  public CatalogMembership(CatalogClient catalog, Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  /** The groups {@code userRef} is in, directly or through a parent group; empty for a user the catalog lacks. */
  public Set<String> groupsOf(String userRef) throws IOException {
    String key = userRef.toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    Entry cached = cache.get(key);
    if (cached != null && now.isBefore(cached.until())) {
      return cached.groups();
    }
    Set<String> groups = read(userRef);
    if (cache.size() >= MAX_USERS) {
      cache.clear();
    }
    cache.put(key, new Entry(groups, now.plus(TTL)));
    return groups;
  }

  private Set<String> read(String userRef) throws IOException {
    Optional<ObjectNode> user = catalog.getEntitiesByRefs(List.of(userRef), List.of("relations")).get(0);
    if (user.isEmpty()) {
      return Set.of();
    }
    Set<String> groups = new LinkedHashSet<>();
    List<String> level = targets(user.get(), "memberOf", groups);
    for (int depth = 0; !level.isEmpty() && depth < MAX_DEPTH; depth++) {
      List<String> next = new ArrayList<>();
      for (Optional<ObjectNode> group : catalog.getEntitiesByRefs(level, List.of("relations"))) {
        group.ifPresent(g -> next.addAll(targets(g, "childOf", groups)));
      }
      level = next;
    }
    return Set.copyOf(groups);
  }

  /** The group refs of {@code entity}'s relations of {@code type} not seen yet, now recorded as seen. */
  private static List<String> targets(ObjectNode entity, String type, Set<String> seen) {
    List<String> found = new ArrayList<>();
    for (JsonNode relation : entity.path("relations")) {
      String target = relation.path("targetRef").asText("").toLowerCase(Locale.ROOT);
      if (relation.path("type").asText().equals(type) && target.startsWith("group:") && seen.add(target)) {
        found.add(target);
      }
    }
    return found;
  }
}
