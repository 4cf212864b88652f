package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.auth.Identity;
import java.util.function.Consumer;

/**
 * What an action gets: its rendered input, the task's workspace and template files, a log, and
 * where its outputs go. Secrets are in {@code secrets} only, never in the input an action logs.
 */
public record ActionContext(String taskId, String stepId, ObjectNode input, Workspace workspace, TemplateFiles templateFiles,
    JsonNode secrets, JsonNode user, boolean dryRun, Consumer<String> log, ObjectNode output) {

  public void log(String message) {
    log.accept(message);
  }

  public void output(String name, JsonNode value) {
    output.set(name, value);
  }

  public void output(String name, String value) {
    output.put(name, value);
  }

  /**
   * The person the run is for, when a person started it: the ref and ownership refs stored with
   * the task, for calling other plugins on their behalf ({@code CatalogClient.onBehalfOf}). Empty
   * for a static token or a service: actions then call as the scaffolder itself.
   */
  /** The ref of whoever started the run: a person's, a static token's principal or a service's. */
  public String initiatorRef() {
    return initiatorOf(user).subject();
  }

  public java.util.Optional<Identity> initiator() {
    Identity initiator = initiatorOf(user);
    return initiator.kind() == Identity.Kind.USER ? java.util.Optional.of(initiator) : java.util.Optional.empty();
  }

  /**
   * Who started a run, from its {@code user} ({@code ref}, {@code ownershipEntityRefs}): a person
   * the scaffolder acts for ({@code actingService} {@code plugin:scaffolder}), a static token's
   * principal, or else a service.
   */
  public static Identity initiatorOf(JsonNode user) {
    String ref = user == null ? "" : user.path("ref").asText("");
    if (ref.startsWith("user:")) {
      java.util.List<String> ownership = new java.util.ArrayList<>();
      user.path("ownershipEntityRefs").forEach(item -> ownership.add(item.asText()));
      return new Identity(Identity.Kind.USER, ref, ownership.isEmpty() ? java.util.List.of(ref) : ownership, "plugin:scaffolder");
    }
    return new Identity(ref.startsWith("external:") ? Identity.Kind.EXTERNAL : Identity.Kind.SERVICE, ref, java.util.List.of());
  }

  public String string(String key, String fallback) {
    JsonNode value = input.get(key);
    return value == null || value.isNull() ? fallback : value.asText();
  }
}
