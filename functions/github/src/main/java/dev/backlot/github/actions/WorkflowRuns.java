package dev.backlot.github.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.github.api.GitHubClients;
import dev.backlot.platform.cache.Cache;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * GitHub Actions of one repository, read with the integration's credentials (the browser never
 * holds a GitHub token) and kept in the plugin's cache for {@link #TTL}, keyed by host, owner and
 * repository (and run), so a page of people looking at one component costs GitHub one request
 * every 30 s. Only the fields the CI/CD tab shows are kept. Runs and jobs are read as JSON in one
 * request each (github-api's GHRepository would read the repository first).
 */
public final class WorkflowRuns {
  /** How long runs and jobs are reused: a run's status is at most this old on the page. */
  public static final Duration TTL = Duration.ofSeconds(30);
  /** The newest runs listed (one GitHub page). */
  public static final int RUNS = 20;
  /** Jobs of a run listed (one GitHub page, its maximum); {@code totalCount} says when there are more. */
  public static final int JOBS = 100;

  private final GitHubClients github;
  private final Cache cache;

  public WorkflowRuns(GitHubClients github, Cache cache) {
    this.github = github;
    this.cache = cache;
  }

  /** The newest {@link #RUNS} workflow runs: {@code {repository, totalCount, runs: [...]}}. */
  public JsonNode runs(ProjectSlug slug) {
    return cached("actions:runs:" + slug.key(), () -> {
      JsonNode answer = read(slug, slug.apiPath() + "/actions/runs?per_page=" + RUNS, "the workflow runs of " + slug);
      ObjectNode result = Json.MAPPER.createObjectNode().put("repository", slug.toString()).put("host", slug.host())
          .put("totalCount", answer.path("total_count").asLong());
      ArrayNode runs = result.putArray("runs");
      answer.path("workflow_runs").forEach(run -> runs.add(ActionsJson.run(run)));
      return result;
    });
  }

  /** A run's jobs with their steps: {@code {runId, totalCount, jobs: [...]}}. */
  public JsonNode jobs(ProjectSlug slug, long runId) {
    return cached("actions:jobs:" + slug.key() + "/" + runId, () -> {
      JsonNode answer = read(slug, slug.apiPath() + "/actions/runs/" + runId + "/jobs?per_page=" + JOBS, "the jobs of run " + runId + " of " + slug);
      ObjectNode result = Json.MAPPER.createObjectNode().put("runId", runId).put("totalCount", answer.path("total_count").asLong());
      ArrayNode jobs = result.putArray("jobs");
      answer.path("jobs").forEach(job -> jobs.add(ActionsJson.job(job)));
      return result;
    });
  }

  /**
   * Asks GitHub to re-run the run (GitHub answers 201), then forgets the cached runs and jobs so the
   * next read shows it queued. A run GitHub will not re-run (too old, still running) is a 409 with
   * GitHub's reason.
   */
  public void rerun(ProjectSlug slug, long runId) {
    String what = "a re-run of run " + runId + " of " + slug;
    HttpResponse<byte[]> response = call(slug, "POST", slug.apiPath() + "/actions/runs/" + runId + "/rerun", what);
    if (response.statusCode() != 201) {
      throw failure(response, what, true);
    }
    cache.delete("actions:runs:" + slug.key());
    cache.delete("actions:jobs:" + slug.key() + "/" + runId);
  }

  private interface Read {
    JsonNode get();
  }

  private JsonNode cached(String key, Read read) {
    Optional<String> hit = cache.get(key);
    if (hit.isPresent()) {
      try {
        return Json.MAPPER.readTree(hit.get());
      } catch (IOException e) {
        cache.delete(key);
      }
    }
    JsonNode value = read.get();
    try {
      cache.set(key, Json.MAPPER.writeValueAsString(value), TTL);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return value;
  }

  private JsonNode read(ProjectSlug slug, String path, String what) {
    HttpResponse<byte[]> response = call(slug, "GET", path, what);
    if (response.statusCode() != 200) {
      throw failure(response, what, false);
    }
    try {
      return Json.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw HttpError.serviceUnavailable("GitHub answered " + what + " with something that is not JSON");
    }
  }

  private HttpResponse<byte[]> call(ProjectSlug slug, String method, String path, String what) {
    try {
      return github.call(slug.host(), slug.owner(), method, path);
    } catch (IOException e) {
      throw HttpError.serviceUnavailable("Cannot reach GitHub for " + what + ": " + e.getMessage());
    }
  }

  /**
   * GitHub's refusal as Backlot's error: 404 when GitHub has no such repository or run for the
   * integration, 503 for a rate limit (with its reset) or refused credentials, and for a re-run
   * GitHub declines (403, 409, 422) a 409 with GitHub's own message.
   */
  private static HttpError failure(HttpResponse<byte[]> response, String what, boolean change) {
    int status = response.statusCode();
    String message = githubMessage(response);
    boolean rateLimited = status == 429 || response.headers().firstValue("Retry-After").isPresent()
        || (status == 403 && "0".equals(response.headers().firstValue("X-RateLimit-Remaining").orElse("")));
    if (rateLimited) {
      String reset = response.headers().firstValue("X-RateLimit-Reset").map(WorkflowRuns::epochSeconds).orElse("later");
      return HttpError.serviceUnavailable("GitHub's rate limit stops " + what + "; it resets " + reset);
    }
    if (status == 404) {
      return HttpError.notFound("GitHub has nothing for " + what + " that the integration can read");
    }
    if (change && (status == 403 || status == 409 || status == 422)) {
      return HttpError.conflict("GitHub declined " + what + ": " + message);
    }
    return HttpError.serviceUnavailable("GitHub answered " + status + " to " + what + (message.isEmpty() ? "" : ": " + message));
  }

  private static String githubMessage(HttpResponse<byte[]> response) {
    try {
      return Json.MAPPER.readTree(response.body()).path("message").asText("");
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static String epochSeconds(String value) {
    try {
      return "at " + Instant.ofEpochSecond(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return "later";
    }
  }
}
