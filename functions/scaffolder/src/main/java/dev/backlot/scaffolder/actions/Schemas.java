package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.Json;

/** Action schemas written as JSON text in the action's class. */
final class Schemas {
  private Schemas() {}

  static ObjectNode of(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an action's schema is not JSON", e);
    }
  }
}
