package dev.backlot.github.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.github.api.GitHubClients;
import dev.backlot.github.api.GitHubFailure;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHTree;
import org.kohsuke.github.GHTreeEntry;
import org.kohsuke.github.GitHub;

/**
 * An organisation's repositories ({@code GET /orgs/{org}/repos}, 100 a page, which github-api
 * follows through the {@code Link: <…>; rel="next"} header) and whether one holds a file, with the
 * organisation's credentials.
 */
public final class OrgRepositories {
  /**
   * A repository as discovery sees it, with its topics in lower case as GitHub keeps them, which
   * github-api's repository lacks: they come from the listing read as JSON, or from a webhook's
   * payload.
   */
  static final class Repository {
    private final GHRepository repository;
    private final List<String> topics;

    private Repository(GHRepository repository, List<String> topics) {
      this.repository = repository;
      this.topics = topics.stream().map(topic -> topic.toLowerCase(Locale.ROOT)).toList();
    }

    String name() {
      return repository.getName();
    }

    String htmlUrl() {
      return repository.getHtmlUrl().toString();
    }

    String defaultBranch() {
      return repository.getDefaultBranch() == null ? "main" : repository.getDefaultBranch();
    }

    boolean archived() {
      return repository.isArchived();
    }

    /** Size is 0 for a repository without commits: nothing to read there. */
    boolean empty() {
      return repository.getSize() == 0;
    }

    List<String> topics() {
      return topics;
    }
  }

  private final GitHubClients github;

  public OrgRepositories(GitHubClients github) {
    this.github = github;
  }

  List<Repository> list(DiscoveryTarget target) throws IOException {
    GitHub client = github.connect(target.host(), target.organization());
    String what = "the repositories of " + target.organization();
    List<GHRepository> listed = GitHubFailure.reading(what, () -> client.getOrganization(target.organization()).listRepositories(100).toList());
    Map<String, List<String>> topics = target.filtersByTopics() ? topics(target, what) : Map.of();
    List<Repository> repositories = new ArrayList<>();
    listed.forEach(repository -> repositories.add(new Repository(repository, topics.getOrDefault(repository.getName(), List.of()))));
    return repositories;
  }

  /** Each repository's topics, by name, from the same listing read as JSON: a request per 100 repositories, not one each. */
  private Map<String, List<String>> topics(DiscoveryTarget target, String what) throws IOException {
    Map<String, List<String>> topics = new HashMap<>();
    for (JsonNode repository : github.listing(target.host(), target.organization(),
        "/orgs/" + target.organization() + "/repos?per_page=100", what)) {
      List<String> names = new ArrayList<>();
      repository.path("topics").forEach(topic -> names.add(topic.asText()));
      topics.put(repository.path("name").asText(), names);
    }
    return topics;
  }

  /** The repository a {@code repository} webhook event is about, with the topics its payload lists. */
  Repository fromEvent(DiscoveryTarget target, JsonNode payload) throws IOException {
    GitHub client = github.connect(target.host(), target.organization());
    GHRepository repository = client.parseEventPayload(new StringReader(Json.MAPPER.writeValueAsString(payload)),
        GHEventPayload.Repository.class).getRepository();
    List<String> topics = new ArrayList<>();
    payload.path("repository").path("topics").forEach(topic -> topics.add(topic.asText()));
    return new Repository(repository, topics);
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
        return holds(repository, branch, target.catalogPath()) ? List.of(target.catalogPath()) : List.of();
      }
      return filesInTree(target, repository, branch);
    } catch (IOException e) {
      throw new Unreadable(e);
    }
  }

  private static List<String> filesInTree(DiscoveryTarget target, Repository repository, String branch) throws IOException {
    GHTree tree = GitHubFailure.reading("the tree of " + repository.name() + "@" + branch,
        () -> repository.repository.getTreeRecursive(branch, 1));
    if (tree.isTruncated()) {
      throw new IOException(repository.name() + "@" + branch + " has more files than GitHub lists in one tree; name the catalog file without a pattern");
    }
    List<String> files = new ArrayList<>();
    for (GHTreeEntry entry : tree.getTree()) {
      if (entry.getType().equals("blob") && target.isCatalogFile(entry.getPath())) {
        files.add(entry.getPath());
      }
    }
    return files;
  }

  /** Whether {@code path} exists on {@code branch}: 200 yes, 404 no, anything else an error. */
  private static boolean holds(Repository repository, String branch, String path) throws IOException {
    try {
      repository.repository.getFileContent(path, branch);
      return true;
    } catch (IOException e) {
      if (GitHubFailure.notFound(e)) {
        return false;
      }
      throw GitHubFailure.of(repository.name() + ":" + path, e);
    }
  }
}
