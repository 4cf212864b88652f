package dev.backlot.catalog.ingestion.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.catalog.ingestion.LocationSpec;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Backstage's catalog rules: which kinds of entity a location may bring into the catalog, from
 * {@code catalog.rules} and the {@code rules} of entries of {@code catalog.locations}. An entity is
 * allowed when one rule matches the location it originated at (a rule without {@code locations}
 * matches every location) and allows its kind (and its {@code spec.type}, where the rule names
 * one). Without {@code catalog.rules}, Backstage's default holds: Components, APIs and Locations,
 * from any location. A config location's own rules are added to those, for it alone: so Users and
 * Groups, which sign-in and admin groups trust, come only from locations allowed them, and from
 * entity providers, which no rule concerns.
 */
public final class CatalogRules {
  private static final List<Rule> DEFAULT = List.of(new Rule(List.of(kind("Component"), kind("API"), kind("Location")), null));
  private static final Set<String> LOCATION_KEYS = Set.of("type", "exact", "pattern");

  private final List<Rule> rules;

  private CatalogRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Backstage's default rules, as with no {@code catalog.rules}. */
  public static CatalogRules defaults() {
    return new CatalogRules(DEFAULT);
  }

  /**
   * The rules {@code config} sets. The targets of {@code file} locations in {@code catalog.locations}
   * are made canonical by {@code canonicalFile}, as the locations' entities name them.
   */
  public static CatalogRules fromConfig(Config config, UnaryOperator<String> canonicalFile) {
    List<Rule> rules = new ArrayList<>();
    if (config.has("catalog.rules")) {
      List<Config> global = config.getConfigList("catalog.rules");
      for (int i = 0; i < global.size(); i++) {
        rules.add(globalRule(global.get(i), "catalog.rules[" + i + "]"));
      }
    } else {
      rules.addAll(DEFAULT);
    }
    for (Config location : config.getOptionalConfigList("catalog.locations").orElse(List.of())) {
      if (!location.has("rules")) {
        continue;
      }
      String type = location.getString("type");
      String target = type.equals("file") ? canonicalFile.apply(location.getString("target")) : location.getString("target");
      for (Config rule : location.getConfigList("rules")) {
        List<KindMatcher> allow = rule.getStringList("allow").stream().map(CatalogRules::kind).toList();
        rules.add(new Rule(allow, List.of(new LocationMatcher(type, target, null))));
      }
    }
    return new CatalogRules(rules);
  }

  /** Whether {@code entity}, which originated at {@code origin}, may enter the catalog. */
  public boolean allows(JsonNode entity, LocationSpec origin) {
    return rules.stream().anyMatch(rule -> rule.matches(origin) && rule.allows(entity));
  }

  private static Rule globalRule(Config rule, String key) {
    JsonNode allowed = rule.toJson().path("allow");
    if (!allowed.isArray()) {
      throw new ConfigException(key + ".allow must be a list of kinds");
    }
    List<KindMatcher> allow = new ArrayList<>();
    for (JsonNode item : allowed) {
      if (item.isTextual() && !item.asText().isEmpty()) {
        allow.add(kind(item.asText()));
      } else if (item.path("kind").isTextual() && (item.path("spec.type").isMissingNode() || item.path("spec.type").isTextual())) {
        allow.add(new KindMatcher(item.get("kind").asText(), item.has("spec.type") ? item.get("spec.type").asText() : null));
      } else {
        throw new ConfigException(key + ".allow has " + item + "; each item is a kind or {kind, spec.type}");
      }
    }
    List<LocationMatcher> locations = null;
    if (rule.has("locations")) {
      locations = new ArrayList<>();
      List<Config> matchers = rule.getConfigList("locations");
      for (int i = 0; i < matchers.size(); i++) {
        locations.add(locationMatcher(matchers.get(i), key + ".locations[" + i + "]"));
      }
    }
    return new Rule(allow, locations);
  }

  private static LocationMatcher locationMatcher(Config location, String key) {
    location.toJson().fieldNames().forEachRemaining(field -> {
      // Backstage ignores other keys, so {type, target} would match every location of the type.
      if (!LOCATION_KEYS.contains(field)) {
        throw new ConfigException(key + " has '" + field + "'; a rule's location has type, and exact or pattern");
      }
    });
    String exact = location.getOptionalString("exact").orElse(null);
    String pattern = location.getOptionalString("pattern").orElse(null);
    if (exact != null && pattern != null) {
      throw new ConfigException("A catalog rule location cannot have both exact and pattern values (" + key + ")");
    }
    return new LocationMatcher(location.getString("type"), exact, pattern == null ? null : Glob.compile(pattern));
  }

  private static KindMatcher kind(String kind) {
    return new KindMatcher(kind, null);
  }

  /** Allows the kinds of {@code allow} from the locations that {@code locations} match, or from any when it is null. */
  private record Rule(List<KindMatcher> allow, List<LocationMatcher> locations) {
    boolean matches(LocationSpec origin) {
      return locations == null || locations.stream().anyMatch(location -> location.matches(origin));
    }

    boolean allows(JsonNode entity) {
      return allow.stream().anyMatch(matcher -> matcher.matches(entity));
    }
  }

  /** A kind, and a {@code spec.type} when not null, compared ignoring case. */
  private record KindMatcher(String kind, String specType) {
    boolean matches(JsonNode entity) {
      JsonNode type = entity.path("spec").path("type");
      return sameIgnoringCase(entity.path("kind").asText(null), kind)
          && (specType == null || (type.isTextual() && sameIgnoringCase(type.asText(), specType)));
    }
  }

  /** Locations of {@code type}: all of them, the one at {@code exact}, or those {@code pattern} matches. */
  private record LocationMatcher(String type, String exact, Glob pattern) {
    boolean matches(LocationSpec location) {
      return type.equals(location.type()) && (exact == null || exact.equals(location.target()))
          && (pattern == null || pattern.matches(location.target()));
    }
  }

  private static boolean sameIgnoringCase(String a, String b) {
    return a != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
  }
}
