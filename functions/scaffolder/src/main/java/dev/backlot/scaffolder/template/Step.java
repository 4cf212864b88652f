package dev.backlot.scaffolder.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One of {@code spec.steps}: {@code input}, {@code if} and {@code each} as written, rendered only
 * when the step runs (an absent {@code if}/{@code each} is null).
 */
public record Step(String id, String name, String action, JsonNode input, JsonNode condition, JsonNode each) {}
