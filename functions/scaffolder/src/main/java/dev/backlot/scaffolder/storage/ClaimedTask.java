package dev.backlot.scaffolder.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A task a worker holds the lease of: what it needs to run, the outputs of steps done before
 * ({@code checkpoints}), the workspace after them ({@code workspaceSnapshot}, a zip, or null), and how
 * many times it was claimed ({@code attempts}, this claim included).
 */
public record ClaimedTask(String id, JsonNode spec, JsonNode secrets, ObjectNode checkpoints, String leaseOwner, int attempts,
    byte[] workspaceSnapshot) {
  /** Claimed before by a worker that did not finish it. */
  public boolean recovered() {
    return attempts > 1;
  }
}
