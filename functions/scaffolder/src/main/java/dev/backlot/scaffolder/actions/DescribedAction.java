package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An action whose id, description and schemas are fixed when it is made: the built-in ones, and a team's own. */
public abstract class DescribedAction implements Action {
  private final String id;
  private final String description;
  private final ObjectNode inputSchema;
  private final ObjectNode outputSchema;

  protected DescribedAction(String id, String description, ObjectNode inputSchema) {
    this(id, description, inputSchema, JsonNodeFactory.instance.objectNode().put("type", "object"));
  }

  protected DescribedAction(String id, String description, ObjectNode inputSchema, ObjectNode outputSchema) {
    this.id = id;
    this.description = description;
    this.inputSchema = inputSchema;
    this.outputSchema = outputSchema;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final ObjectNode inputSchema() {
    return inputSchema;
  }

  @Override
  public final ObjectNode outputSchema() {
    return outputSchema;
  }
}
