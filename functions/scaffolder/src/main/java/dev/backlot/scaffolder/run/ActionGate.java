package dev.backlot.scaffolder.run;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether the run's initiator may run an action with its rendered input: Backstage's
 * {@code scaffolder.action.execute}, asked once per run, its conditions applied to each step.
 */
@FunctionalInterface
public interface ActionGate {
  ActionGate ALL = (actionId, input) -> true;

  boolean allows(String actionId, JsonNode input);
}
