package dev.backlot.scaffolder.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** The names an expression sees: the template's context, and loop variables above it. */
final class Scope {
  private final Scope parent;
  private final JsonNode context;
  private final Map<String, JsonNode> locals = new HashMap<>();

  private Scope(Scope parent, JsonNode context) {
    this.parent = parent;
    this.context = context;
  }

  static Scope of(JsonNode context) {
    return new Scope(null, context);
  }

  Scope child() {
    return new Scope(this, null);
  }

  void set(String name, JsonNode value) {
    locals.put(name, value);
  }

  JsonNode get(String name) {
    JsonNode local = locals.get(name);
    if (local != null) {
      return local;
    }
    if (parent != null) {
      return parent.get(name);
    }
    JsonNode value = context == null || !context.isObject() ? null : context.get(name);
    return value == null ? Values.UNDEFINED : value;
  }
}
