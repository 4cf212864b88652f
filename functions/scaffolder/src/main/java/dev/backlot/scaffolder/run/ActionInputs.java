package dev.backlot.scaffolder.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.resource.SchemaLoader;
import dev.backlot.scaffolder.actions.Action;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** A step's rendered input against its action's input schema, compiled once per action. */
final class ActionInputs {
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
      builder -> builder.schemaLoader(SchemaLoader.builder().fetchRemoteResources(false).build()));
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  /** Null when valid, else the errors in one line. */
  String problems(Action action, JsonNode input) {
    Schema schema = compiled.computeIfAbsent(action.id(), id -> REGISTRY.getSchema(action.inputSchema()));
    List<Error> errors = schema.validate(input);
    return errors.isEmpty() ? null : errors.stream().map(Error::getMessage).collect(Collectors.joining("; "));
  }
}
