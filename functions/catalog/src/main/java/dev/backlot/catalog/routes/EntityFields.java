package dev.backlot.catalog.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Backstage's {@code fields=kind,metadata.name}: each entity cut down to the named paths. */
final class EntityFields {
  private final List<String[]> paths;

  private EntityFields(List<String[]> paths) {
    this.paths = paths;
  }

  static EntityFields parse(List<String> parameters) {
    List<String[]> paths = new ArrayList<>();
    for (String parameter : parameters) {
      for (String field : parameter.split(",")) {
        if (!field.isBlank()) {
          paths.add(field.trim().split("\\."));
        }
      }
    }
    return new EntityFields(paths);
  }

  ObjectNode apply(ObjectNode entity) {
    if (paths.isEmpty()) {
      return entity;
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    for (String[] path : paths) {
      JsonNode value = entity;
      for (String part : path) {
        value = value == null ? null : value.get(part);
      }
      if (value == null) {
        continue;
      }
      ObjectNode target = result;
      for (int i = 0; i < path.length - 1; i++) {
        target = target.get(path[i]) instanceof ObjectNode existing ? existing : target.putObject(path[i]);
      }
      target.set(path[path.length - 1], value.deepCopy());
    }
    return result;
  }
}
