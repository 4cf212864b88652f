package dev.backlot.github.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.github.api.GitHubCalls;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An organisation's repositories ({@code GET /orgs/{org}/repos}, 100 a page, following the
 * {@code Link: <…>; rel="next"} header) and whether one holds a file, with the organisation's
 * credentials. Those go only to the configured API base URL: a next link elsewhere ends the
 * listing with an error.
 */
final class OrgRepositories {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
  private static final int MAX_PAGES = 100;

  record Repository(String name, String htmlUrl, String defaultBranch, boolean archived, boolean empty) {
    static Repository of(JsonNode repo) {
      // size is 0 for a repository without commits: nothing to read there.
      return new Repository(repo.path("name").asText(), repo.path("html_url").asText(),
          repo.path("default_branch").asText("main"), repo.path("archived").asBoolean(false), repo.path("size").asLong(0) == 0);
    }
  }

  private final GitHubCalls github;

  OrgRepositories(GitHubCalls github) {
    this.github = github;
  }

  List<Repository> list(DiscoveryTarget target) throws IOException {
    List<Repository> repositories = new ArrayList<>();
    String next = target.apiBaseUrl() + "/orgs/" + encode(target.organization()) + "/repos?per_page=100&type=all";
    for (int page = 0; next != null; page++) {
      if (page == MAX_PAGES) {
        throw new IOException(target.organization() + " has more than " + MAX_PAGES * 100 + " repositories; narrow it with repository");
      }
      HttpResponse<byte[]> response = github.get(target.host(), target.organization(), next, "application/vnd.github+json");
      if (response.statusCode() != 200) {
        throw new IOException("GitHub answered " + response.statusCode() + " to the repositories of " + target.organization());
      }
      for (JsonNode repo : Json.MAPPER.readTree(response.body())) {
        repositories.add(Repository.of(repo));
      }
      next = response.headers().firstValue("Link").flatMap(OrgRepositories::nextPage).orElse(null);
    }
    return repositories;
  }

  /** Whether {@code path} exists on {@code branch}: 200 yes, 404 no, anything else an error. */
  boolean holds(DiscoveryTarget target, Repository repository, String branch, String path) throws IOException {
    String uri = target.apiBaseUrl() + "/repos/" + encode(target.organization()) + "/" + encode(repository.name())
        + "/contents/" + path + "?ref=" + encode(branch);
    int status = github.get(target.host(), target.organization(), uri, "application/vnd.github.object").statusCode();
    if (status == 200 || status == 404) {
      return status == 200;
    }
    throw new IOException("GitHub answered " + status + " to " + repository.name() + ":" + path);
  }

  static Optional<String> nextPage(String link) {
    Matcher next = NEXT.matcher(link);
    return next.find() ? Optional.of(next.group(1)) : Optional.empty();
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
