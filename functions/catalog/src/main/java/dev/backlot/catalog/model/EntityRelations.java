package dev.backlot.catalog.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The relations Backstage's built-in kinds processor derives from spec fields, each emitted in
 * both directions: {@code component → ownedBy → group} and {@code group → ownerOf → component}.
 * Targets need not exist; their relations appear when they do.
 */
public final class EntityRelations {
  public static final String OWNED_BY = "ownedBy";
  public static final String OWNER_OF = "ownerOf";
  public static final String PART_OF = "partOf";
  public static final String HAS_PART = "hasPart";
  public static final String PROVIDES_API = "providesApi";
  public static final String API_PROVIDED_BY = "apiProvidedBy";
  public static final String CONSUMES_API = "consumesApi";
  public static final String API_CONSUMED_BY = "apiConsumedBy";
  public static final String DEPENDS_ON = "dependsOn";
  public static final String DEPENDENCY_OF = "dependencyOf";
  public static final String MEMBER_OF = "memberOf";
  public static final String HAS_MEMBER = "hasMember";
  public static final String PARENT_OF = "parentOf";
  public static final String CHILD_OF = "childOf";

  private EntityRelations() {}

  /** The relations {@code entity} emits, in both directions, without duplicates; it must have valid refs (see {@link #problems}). */
  public static List<Relation> of(JsonNode entity) {
    Emitter out = emit(entity);
    if (!out.problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", out.problems));
    }
    return List.copyOf(out.relations);
  }

  /** Refs in {@code entity}'s spec that are no entity refs, each as {@code spec.<field>: <why>}. */
  public static List<String> problems(JsonNode entity) {
    return List.copyOf(emit(entity).problems);
  }

  private static Emitter emit(JsonNode entity) {
    EntityRef self = EntityRef.of(entity);
    String kind = self.kind().toLowerCase();
    JsonNode spec = entity.path("spec");
    Emitter out = new Emitter(self);
    switch (kind) {
      case "component" -> {
        out.one(spec, "owner", "Group", OWNED_BY, OWNER_OF);
        out.one(spec, "subcomponentOf", "Component", PART_OF, HAS_PART);
        out.one(spec, "system", "System", PART_OF, HAS_PART);
        out.many(spec, "providesApis", "API", PROVIDES_API, API_PROVIDED_BY);
        out.many(spec, "consumesApis", "API", CONSUMES_API, API_CONSUMED_BY);
        out.many(spec, "dependsOn", null, DEPENDS_ON, DEPENDENCY_OF);
        out.many(spec, "dependencyOf", null, DEPENDENCY_OF, DEPENDS_ON);
      }
      case "api" -> {
        out.one(spec, "owner", "Group", OWNED_BY, OWNER_OF);
        out.one(spec, "system", "System", PART_OF, HAS_PART);
      }
      case "resource" -> {
        out.one(spec, "owner", "Group", OWNED_BY, OWNER_OF);
        out.one(spec, "system", "System", PART_OF, HAS_PART);
        out.many(spec, "dependsOn", null, DEPENDS_ON, DEPENDENCY_OF);
        out.many(spec, "dependencyOf", null, DEPENDENCY_OF, DEPENDS_ON);
      }
      case "system" -> {
        out.one(spec, "owner", "Group", OWNED_BY, OWNER_OF);
        out.one(spec, "domain", "Domain", PART_OF, HAS_PART);
      }
      case "domain" -> {
        out.one(spec, "owner", "Group", OWNED_BY, OWNER_OF);
        out.one(spec, "subdomainOf", "Domain", PART_OF, HAS_PART);
      }
      case "group" -> {
        out.one(spec, "parent", "Group", CHILD_OF, PARENT_OF);
        out.many(spec, "children", "Group", PARENT_OF, CHILD_OF);
        out.many(spec, "members", "User", HAS_MEMBER, MEMBER_OF);
      }
      case "user" -> out.many(spec, "memberOf", "Group", MEMBER_OF, HAS_MEMBER);
      case "template" -> out.one(spec, "owner", "Group", OWNED_BY, OWNER_OF);
      default -> { }
    }
    return out;
  }

  private static final class Emitter {
    private final EntityRef self;
    private final Set<Relation> relations = new LinkedHashSet<>();
    private final List<String> problems = new java.util.ArrayList<>();

    Emitter(EntityRef self) {
      this.self = self;
    }

    void one(JsonNode spec, String field, String defaultKind, String forward, String reverse) {
      JsonNode value = spec.get(field);
      if (value != null && value.isTextual()) {
        emit(field, value.asText(), defaultKind, forward, reverse);
      }
    }

    void many(JsonNode spec, String field, String defaultKind, String forward, String reverse) {
      JsonNode values = spec.get(field);
      if (values != null && values.isArray()) {
        for (JsonNode value : values) {
          if (value.isTextual()) {
            emit(field, value.asText(), defaultKind, forward, reverse);
          }
        }
      }
    }

    private void emit(String field, String target, String defaultKind, String forward, String reverse) {
      String source = self.toString();
      String ref;
      try {
        ref = EntityRef.parse(target, defaultKind, self.namespace()).toString();
      } catch (IllegalArgumentException e) {
        problems.add("spec." + field + ": " + e.getMessage());
        return;
      }
      relations.add(new Relation(source, forward, ref));
      relations.add(new Relation(ref, reverse, source));
    }
  }

}
