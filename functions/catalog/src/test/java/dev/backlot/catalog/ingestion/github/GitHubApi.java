package dev.backlot.catalog.ingestion.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** GitHub REST API answers in the shapes and with the headers github.com sends. */
final class GitHubApi {
  private GitHubApi() {}

  /** {@code GET /repos/{owner}/{repo}/contents/{path}} with {@code Accept: application/vnd.github.raw}. */
  static ResponseDefinitionBuilder rawFile(String text, String etag) {
    return aResponse().withStatus(200)
        .withHeader("Content-Type", "application/vnd.github.raw; charset=utf-8")
        .withHeader("ETag", etag)
        .withHeader("X-GitHub-Media-Type", "github.v3; param=raw")
        .withHeader("X-RateLimit-Limit", "5000")
        .withHeader("X-RateLimit-Remaining", "4999")
        .withHeader("X-RateLimit-Reset", "1764500000")
        .withHeader("X-RateLimit-Resource", "core")
        .withBody(text);
  }

  static ResponseDefinitionBuilder notModified(String etag) {
    return aResponse().withStatus(304).withHeader("ETag", etag);
  }

  /** The primary rate limit: 403, no requests left until {@code reset} (epoch seconds). */
  static ResponseDefinitionBuilder rateLimited(long reset) {
    return aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("X-RateLimit-Limit", "60")
        .withHeader("X-RateLimit-Remaining", "0")
        .withHeader("X-RateLimit-Used", "60")
        .withHeader("X-RateLimit-Reset", Long.toString(reset))
        .withHeader("X-RateLimit-Resource", "core")
        .withBody("{\"message\":\"API rate limit exceeded for 203.0.113.7. (But here's the good news: Authenticated requests get a higher rate limit. "
            + "Check out the documentation for more details.)\",\"documentation_url\":\"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting\"}");
  }

  /** A secondary rate limit: 429 with Retry-After. */
  static ResponseDefinitionBuilder secondaryRateLimited(int retryAfterSeconds) {
    return aResponse().withStatus(429)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("Retry-After", Integer.toString(retryAfterSeconds))
        .withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\","
            + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits\",\"status\":\"429\"}");
  }

  static ResponseDefinitionBuilder serverError(int status) {
    return aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("{\"message\":\"Server Error\"}");
  }

  static ResponseDefinitionBuilder notFound() {
    return aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/repos/contents#get-repository-content\",\"status\":\"404\"}");
  }

  /** A 403 that is not a rate limit: the token may not read the repository. */
  static ResponseDefinitionBuilder forbidden() {
    return aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("X-RateLimit-Remaining", "4990")
        .withBody("{\"message\":\"Resource not accessible by personal access token\",\"documentation_url\":\"https://docs.github.com/rest/repos/contents#get-repository-content\",\"status\":\"403\"}");
  }
}
