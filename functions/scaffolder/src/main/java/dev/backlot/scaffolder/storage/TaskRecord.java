package dev.backlot.scaffolder.storage;

import com.fasterxml.jackson.databind.JsonNode;

/** A task as the API shows it: never its secrets. {@code output} is null until it completes. */
public record TaskRecord(String id, JsonNode spec, String status, String createdBy, String createdAt, String lastHeartbeatAt, JsonNode output) {}
