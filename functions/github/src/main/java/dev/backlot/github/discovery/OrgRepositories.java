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

  record Repository(String name, String htmlUrl, String defaultBranch, boolean archived, boolean empty, List<String> topics) {
    static Repository of(JsonNode repo) {
      List<String> topics = new ArrayList<>();
      repo.path("topics").forEach(topic -> topics.add(topic.asText().toLowerCase(java.util.Locale.ROOT)));
      // size is 0 for a repository without commits: nothing to read there.
      return new Repository(repo.path("name").asText(), repo.path("html_url").asText(),
          repo.path("default_branch").asText("main"), repo.path("archived").asBoolean(false), repo.path("size").asLong(0) == 0,
          List.copyOf(topics));
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

  /**
   * A repository whose catalog files GitHub would not tell: an error answer, a truncated tree, a
   * branch that is not there. It concerns that repository alone, unlike a failed listing.
   */
  static final class Unreadable extends IOException {
    Unreadable(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /**
   * The target's catalog files in {@code repository} on {@code branch}: the one path if it is on
   * the branch, or every file the pattern matches in the branch's tree ({@code GET
   * /repos/{owner}/{repo}/git/trees/{branch}?recursive=1}). A tree GitHub truncated is an error
   * rather than a partial answer.
   */
  List<String> catalogFiles(DiscoveryTarget target, Repository repository, String branch) throws Unreadable {
    try {
      if (!target.findsFilesByPattern()) {
        return holds(target, repository, branch, target.catalogPath()) ? List.of(target.catalogPath()) : List.of();
      }
      return filesInTree(target, repository, branch);
    } catch (IOException e) {
      throw new Unreadable(e);
    }
  }

  private List<String> filesInTree(DiscoveryTarget target, Repository repository, String branch) throws IOException {
    String uri = target.apiBaseUrl() + "/repos/" + GitHubCalls.encode(target.organization()) + "/" + GitHubCalls.encode(repository.name())
        + "/git/trees/" + GitHubCalls.encode(branch) + "?recursive=1";
    JsonNode tree = github.object(target.host(), target.organization(), uri, "the tree of " + repository.name() + "@" + branch);
    if (tree.path("truncated").asBoolean(false)) {
      throw new IOException(repository.name() + "@" + branch + " has more files than GitHub lists in one tree; name the catalog file without a pattern");
    }
    List<String> files = new ArrayList<>();
    for (JsonNode entry : tree.path("tree")) {
      if (entry.path("type").asText().equals("blob") && target.isCatalogFile(entry.path("path").asText())) {
        files.add(entry.path("path").asText());
      }
    }
    return files;
  }

  /** Whether {@code path} exists on {@code branch}: 200 yes, 404 no, anything else an error. */
  private boolean holds(DiscoveryTarget target, Repository repository, String branch, String path) throws IOException {
    String uri = target.apiBaseUrl() + "/repos/" + GitHubCalls.encode(target.organization()) + "/" + GitHubCalls.encode(repository.name())
        + "/contents/" + path + "?ref=" + GitHubCalls.encode(branch);
    int status = github.get(target.host(), target.organization(), uri, "application/vnd.github.object").statusCode();
    if (status == 200 || status == 404) {
      return status == 200;
    }
    throw new IOException("GitHub answered " + status + " to " + repository.name() + ":" + path);
  }
}
