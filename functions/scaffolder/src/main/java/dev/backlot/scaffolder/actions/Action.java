package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A scaffolder action, as Backstage's {@code createTemplateAction}: an id, JSON Schemas for its
 * input and output, and what it does. A team adds its own by implementing this in one class and
 * adding it to {@link Actions}.
 */
public interface Action {
  String id();

  String description();

  /** The JSON Schema the rendered input must match before the action runs. */
  ObjectNode inputSchema();

  ObjectNode outputSchema();

  /** Whether it may run in a dry run; one that may not is skipped there, with its schema's examples as output. */
  default boolean supportsDryRun() {
    return true;
  }

  void run(ActionContext context) throws Exception;
}
