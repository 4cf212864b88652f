package dev.backlot.scaffolder.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A task a worker holds the lease of: what it needs to run, the outputs of steps done before
 * ({@code checkpoints}), and whether an earlier worker lost it ({@code recovered}).
 */
public record ClaimedTask(String id, JsonNode spec, JsonNode secrets, ObjectNode checkpoints, String leaseOwner, boolean recovered) {}
