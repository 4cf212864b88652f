package dev.backlot.catalog.ingestion.github;

import dev.backlot.catalog.ingestion.FileSizeLimit;
import dev.backlot.integration.github.GitHubApiCalls;
import dev.backlot.integration.github.GitHubIntegration;
import dev.backlot.integration.github.GitHubUrl;
import dev.backlot.integration.github.TokenRefused;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Reads one file through GitHub's REST contents API ({@code GET /repos/{owner}/{repo}/contents/{path}?ref=}
 * with {@code Accept: application/vnd.github.raw}), conditionally when it was read before. Rate
 * limits are waited out up to the policy's cap and 5xx answers retried with back-off; every other
 * failure, and a 404 of a deleted file, is an {@link IOException}: a failed read, which never
 * deletes what the location gave before.
 */
final class GitHubContents {
  private final GitHubApiCalls calls;
  private final RetryPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ConditionalCache cache;
  private final FileSizeLimit limit;

  GitHubContents(GitHubApiCalls calls, RetryPolicy policy, ConditionalCache cache, FileSizeLimit limit, Clock clock, Sleeper sleeper) {
    this.calls = calls;
    this.limit = limit;
    this.policy = policy;
    this.cache = cache;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  String read(GitHubIntegration integration, GitHubUrl file, Optional<String> authorization) throws IOException {
    URI uri = contentsUri(integration, file);
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      Optional<ConditionalCache.Cached> cached = cache.get(uri.toString());
      HttpResponse<InputStream> response = calls.get(uri, "application/vnd.github.raw", authorization,
          cached.map(ConditionalCache.Cached::etag), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        int status = response.statusCode();
        if (status == 200) {
          String text = limit.read(describe(file), body, response.headers().firstValueAsLong("Content-Length").orElse(-1));
          response.headers().firstValue("ETag").ifPresentOrElse(
              etag -> cache.put(uri.toString(), etag, text), () -> cache.forget(uri.toString()));
          return text;
        }
        if (status == 304 && cached.isPresent()) {
          return cached.get().text();
        }
        if (status == 401 && authorization.isPresent()) {
          throw new TokenRefused(describe(file) + ": GitHub answered HTTP 401 to the credentials of integrations.github");
        }
        if (status == 404) {
          cache.forget(uri.toString());
          throw new IOException(describe(file) + " was not found on GitHub (deleted, renamed, or not visible to the configured token)");
        }
        Optional<Duration> rateLimitWait = rateLimitWait(status, response.headers());
        boolean retryable = rateLimitWait.isPresent() || status >= 500;
        if (!retryable || attempt >= policy.maxAttempts()) {
          throw new IOException(describe(file) + ": GitHub answered HTTP " + status
              + (rateLimitWait.isPresent() ? " (rate limited)" : "") + " after " + attempt + " attempt(s)");
        }
        Duration wait = rateLimitWait.isPresent() ? rateLimitWait.get() : policy.backoff(attempt);
        // The budget is for the whole read, which runs inside a request with a deadline.
        if (waited.plus(wait).compareTo(policy.maxRateLimitWait()) > 0) {
          String why = rateLimitWait.isPresent() ? "GitHub's rate limit resets in " + wait.toSeconds() + " s" : "GitHub answered HTTP " + status;
          throw new IOException(describe(file) + ": " + why + "; waiting " + waited.plus(wait).toSeconds() + " s in all would pass "
              + "catalog.github.maxRateLimitWaitSeconds (" + policy.maxRateLimitWait().toSeconds() + " s)");
        }
        pause(wait, file);
        waited = waited.plus(wait);
      }
    }
  }

  /**
   * How long GitHub asks us to wait, if this answer is a rate limit: a 403 or 429 with
   * {@code Retry-After} (secondary limits) or with {@code X-RateLimit-Remaining: 0} (primary limit,
   * until {@code X-RateLimit-Reset}, epoch seconds). Any other 403 is a permission error.
   */
  private Optional<Duration> rateLimitWait(int status, HttpHeaders headers) {
    if (status != 403 && status != 429) {
      return Optional.empty();
    }
    OptionalLong retryAfter = number(headers, "Retry-After");
    if (retryAfter.isPresent()) {
      return Optional.of(Duration.ofSeconds(Math.max(0, retryAfter.getAsLong())));
    }
    OptionalLong remaining = number(headers, "X-RateLimit-Remaining");
    OptionalLong reset = number(headers, "X-RateLimit-Reset");
    if (remaining.isPresent() && remaining.getAsLong() == 0 && reset.isPresent()) {
      Duration untilReset = Duration.between(clock.instant(), Instant.ofEpochSecond(reset.getAsLong()));
      return Optional.of(untilReset.isNegative() ? Duration.ZERO : untilReset);
    }
    return status == 429 ? Optional.of(policy.backoff(1)) : Optional.empty();
  }

  private static OptionalLong number(HttpHeaders headers, String name) {
    try {
      return headers.firstValue(name).map(v -> OptionalLong.of(Long.parseLong(v.trim()))).orElse(OptionalLong.empty());
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static URI contentsUri(GitHubIntegration integration, GitHubUrl file) {
    String path = Arrays.stream(file.path().split("/")).map(GitHubApiCalls::encode).collect(Collectors.joining("/"));
    return URI.create(integration.apiBaseUrl() + "/repos/" + GitHubApiCalls.encode(file.owner()) + "/"
        + GitHubApiCalls.encode(file.repo()) + "/contents/" + path + "?ref=" + GitHubApiCalls.encode(file.ref()));
  }

  private void pause(Duration wait, GitHubUrl file) throws IOException {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting to read " + describe(file) + " again", e);
    }
  }

  private static String describe(GitHubUrl file) {
    return file.owner() + "/" + file.repo() + "@" + file.ref() + ":" + file.path();
  }
}
