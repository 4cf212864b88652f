package dev.backlot.catalog.ingestion.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** GitHub REST API answers in the shapes and with the headers github.com sends. */
public final class GitHubApi {
  private GitHubApi() {}

  /** {@code GET /repos/{owner}/{repo}/contents/{path}} with {@code Accept: application/vnd.github.raw}. */
  public static ResponseDefinitionBuilder rawFile(String text, String etag) {
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

  public static ResponseDefinitionBuilder notModified(String etag) {
    return aResponse().withStatus(304).withHeader("ETag", etag);
  }

  /** The primary rate limit: 403, no requests left until {@code reset} (epoch seconds). */
  public static ResponseDefinitionBuilder rateLimited(long reset) {
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
  public static ResponseDefinitionBuilder secondaryRateLimited(int retryAfterSeconds) {
    return aResponse().withStatus(429)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("Retry-After", Integer.toString(retryAfterSeconds))
        .withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\","
            + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits\",\"status\":\"429\"}");
  }

  public static ResponseDefinitionBuilder serverError(int status) {
    return aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("{\"message\":\"Server Error\"}");
  }

  public static ResponseDefinitionBuilder notFound() {
    return aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/repos/contents#get-repository-content\",\"status\":\"404\"}");
  }

  /** A 403 that is not a rate limit: the token may not read the repository. */
  public static ResponseDefinitionBuilder forbidden() {
    return aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("X-RateLimit-Remaining", "4990")
        .withBody("{\"message\":\"Resource not accessible by personal access token\",\"documentation_url\":\"https://docs.github.com/rest/repos/contents#get-repository-content\",\"status\":\"403\"}");
  }

  /** {@code GET /repos/{owner}/{repo}/branches/{branch}} of an existing branch (abridged to the fields GitHub always sends). */
  public static ResponseDefinitionBuilder branch(String name) {
    return aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("""
            {"name":"%s","commit":{"sha":"7fd1a60b01f91b314f59955a4e4d4e80d8edf11d","url":"https://api.github.com/repos/acme/payments/commits/7fd1a60b01f91b314f59955a4e4d4e80d8edf11d"},
             "_links":{"self":"https://api.github.com/repos/acme/payments/branches/%s","html":"https://github.com/acme/payments/tree/%s"},
             "protected":false,"protection":{"enabled":false,"required_status_checks":{"enforcement_level":"off","contexts":[],"checks":[]}},
             "protection_url":"https://api.github.com/repos/acme/payments/branches/%s/protection"}"""
            .formatted(name, name, name, name));
  }

  /** {@code GET /repos/{owner}/{repo}/branches/{branch}} of a name that is no branch. */
  public static ResponseDefinitionBuilder branchNotFound() {
    return aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody("{\"message\":\"Branch not found\",\"documentation_url\":\"https://docs.github.com/rest/branches/branches#get-a-branch\",\"status\":\"404\"}");
  }
}
