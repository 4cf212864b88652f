package dev.backlot.github.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.github.api.GitHubCalls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An organisation's repositories ({@code GET /orgs/{org}/repos}, 100 a page, following the
 * {@code Link: <…>; rel="next"} header) and whether one holds a file, with the organisation's
 * credentials. Those go only to the configured API base URL: a next link elsewhere ends the
 * listing with an error.
 */
final class OrgRepositories {
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
    String first = target.apiBaseUrl() + "/orgs/" + GitHubCalls.encode(target.organization()) + "/repos?per_page=100&type=all";
    for (JsonNode repo : github.list(target.host(), target.organization(), first, MAX_PAGES, "the repositories of " + target.organization())) {
      repositories.add(Repository.of(repo));
    }
    return repositories;
  }

  /** Whether {@code path} exists on {@code branch}: 200 yes, 404 no, anything else an error. */
  boolean holds(DiscoveryTarget target, Repository repository, String branch, String path) throws IOException {
    String uri = target.apiBaseUrl() + "/repos/" + GitHubCalls.encode(target.organization()) + "/" + GitHubCalls.encode(repository.name())
        + "/contents/" + path + "?ref=" + GitHubCalls.encode(branch);
    int status = github.get(target.host(), target.organization(), uri, "application/vnd.github.object").statusCode();
    if (status == 200 || status == 404) {
      return status == 200;
    }
    throw new IOException("GitHub answered " + status + " to " + repository.name() + ":" + path);
  }
}
