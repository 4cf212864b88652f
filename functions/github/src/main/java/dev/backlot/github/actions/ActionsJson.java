package dev.backlot.github.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.Json;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * GitHub's workflow runs and jobs cut down to what the CI/CD tab shows (docs/github.md lists the
 * fields): GitHub's names in camel case, missing values as null, and durations GitHub does not give.
 */
final class ActionsJson {
  private ActionsJson() {}

  static ObjectNode run(JsonNode run) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", run.path("id").asLong());
    out.put("name", text(run, "name"));
    out.put("title", text(run, "display_title"));
    out.put("runNumber", run.path("run_number").asLong());
    out.put("runAttempt", run.path("run_attempt").asInt(1));
    out.put("event", text(run, "event"));
    out.put("status", text(run, "status"));
    out.put("conclusion", text(run, "conclusion"));
    out.put("branch", text(run, "head_branch"));
    out.put("sha", text(run, "head_sha"));
    out.put("message", text(run.path("head_commit"), "message"));
    out.put("author", text(run.path("head_commit").path("author"), "name"));
    String started = run.hasNonNull("run_started_at") ? text(run, "run_started_at") : text(run, "created_at");
    out.put("createdAt", text(run, "created_at"));
    out.put("startedAt", started);
    out.put("updatedAt", text(run, "updated_at"));
    // GitHub gives no duration: a completed run's is from its start to its last update (as Backstage's plugin shows it).
    putDuration(out, started, "completed".equals(text(run, "status")) ? text(run, "updated_at") : null);
    out.put("htmlUrl", text(run, "html_url"));
    return out;
  }

  static ObjectNode job(JsonNode job) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", job.path("id").asLong());
    out.put("name", text(job, "name"));
    out.put("status", text(job, "status"));
    out.put("conclusion", text(job, "conclusion"));
    out.put("startedAt", text(job, "started_at"));
    out.put("completedAt", text(job, "completed_at"));
    putDuration(out, text(job, "started_at"), text(job, "completed_at"));
    out.put("htmlUrl", text(job, "html_url"));
    ArrayNode steps = out.putArray("steps");
    job.path("steps").forEach(step -> {
      ObjectNode s = steps.addObject();
      s.put("number", step.path("number").asInt());
      s.put("name", text(step, "name"));
      s.put("status", text(step, "status"));
      s.put("conclusion", text(step, "conclusion"));
      putDuration(s, text(step, "started_at"), text(step, "completed_at"));
    });
    return out;
  }

  /** Null when GitHub has no value (a conclusion before the run completes). */
  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  private static void putDuration(ObjectNode out, String from, String to) {
    if (from == null || to == null) {
      out.putNull("durationSeconds");
      return;
    }
    try {
      long seconds = Duration.between(OffsetDateTime.parse(from), OffsetDateTime.parse(to)).toSeconds();
      out.put("durationSeconds", Math.max(0, seconds));
    } catch (DateTimeParseException e) {
      out.putNull("durationSeconds");
    }
  }
}
