package dev.backlot.scaffolder.storage;

import com.fasterxml.jackson.databind.JsonNode;

/** One of a task's events: {@code log}, {@code completion}, {@code cancelled} or {@code recovered}. */
public record TaskEvent(long id, String taskId, String type, JsonNode body, String createdAt) {}
