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
      throw usedUp(response);
    }
  };

  /**
   * The secondary limits: a 429, or a 403 with {@code Retry-After}. github-api takes every 429 for
   * one, though GitHub also answers its primary limit with a 429 and {@code X-RateLimit-Remaining: 0}.
   */
  static final GitHubAbuseLimitHandler SECONDARY = new GitHubAbuseLimitHandler() {
    @Override
    public void onError(GitHubConnectorResponse response) throws Refused {
      if ("0".equals(response.header("X-RateLimit-Remaining"))) {
        throw usedUp(response);
      }
      String retryAfter = response.header("Retry-After");
      throw new Refused("secondary rate limit" + (retryAfter == null ? "" : "; retry after " + retryAfter.trim() + " s"), response);
    }
  };

  private static Refused usedUp(GitHubConnectorResponse response) {
    return new Refused("rate limit used up; it resets in " + secondsUntil(response.header("X-RateLimit-Reset")) + " s", response);
  }

  private static String secondsUntil(String epochSeconds) {
    try {
      return Long.toString(Math.max(0, Long.parseLong(epochSeconds.trim()) - Instant.now().getEpochSecond()));
    } catch (NullPointerException | NumberFormatException e) {
      return "an unknown number of";
    }
  }
}
