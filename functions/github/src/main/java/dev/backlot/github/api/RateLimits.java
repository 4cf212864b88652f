package dev.backlot.github.api;

import java.time.Instant;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * GitHub's rate limits as errors that say when GitHub takes calls again, in place of github-api's
 * default of sleeping until then: a run has a request's deadline, and the next run tries again.
 */
final class RateLimits {
  private RateLimits() {}

  /** A call GitHub refused for a rate limit; {@link GitHubFailure} shows why. */
  static final class Refused extends HttpException {
    Refused(String why, GitHubConnectorResponse response) {
      super(why, response.statusCode(), null, response.request().url().toString());
    }
  }

  /** The primary limit: a 403 with {@code X-RateLimit-Remaining: 0}, until {@code X-RateLimit-Reset} (epoch seconds). */
  static final GitHubRateLimitHandler PRIMARY = new GitHubRateLimitHandler() {
    @Override
    public void onError(GitHubConnectorResponse response) throws Refused {
      throw new Refused("rate limit used up; it resets in " + secondsUntil(response.header("X-RateLimit-Reset")) + " s", response);
    }
  };

  /** The secondary limits: a 429, or a 403 with {@code Retry-After}. */
  static final GitHubAbuseLimitHandler SECONDARY = new GitHubAbuseLimitHandler() {
    @Override
    public void onError(GitHubConnectorResponse response) throws Refused {
      String retryAfter = response.header("Retry-After");
      throw new Refused("secondary rate limit" + (retryAfter == null ? "" : "; retry after " + retryAfter.trim() + " s"), response);
    }
  };

  private static String secondsUntil(String epochSeconds) {
    try {
      return Long.toString(Math.max(0, Long.parseLong(epochSeconds.trim()) - Instant.now().getEpochSecond()));
    } catch (NullPointerException | NumberFormatException e) {
      return "an unknown number of";
    }
  }
}
