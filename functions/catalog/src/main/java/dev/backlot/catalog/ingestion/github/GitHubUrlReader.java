package dev.backlot.catalog.ingestion.github;

import dev.backlot.catalog.ingestion.FileSizeLimit;
import dev.backlot.catalog.ingestion.LocationReader;
import dev.backlot.integration.github.BranchNames;
import dev.backlot.integration.github.GitHubApiCalls;
import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.integration.github.GitHubIntegration;
import dev.backlot.integration.github.GitHubUrl;
import dev.backlot.platform.cache.Cache;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code url} locations on github.com and on the GitHub Enterprise hosts of
 * {@code integrations.github} through the REST API, with the credentials the shared GitHub
 * integration gives for the file's owner (a GitHub App's installation token or the host's token),
 * instead of fetching web pages: the API answers conditional requests for free and says when its
 * rate limit resets. Listed before the generic URL reader, so GitHub URLs never need
 * {@code backend.reading.allow}.
 */
public final class GitHubUrlReader implements LocationReader {
  private static final Pattern REPOSITORY = Pattern.compile("https://([^/]+)/([^/]+)/([^/]+?)(?:\\.git)?/?");
  /** The part of a GitHub URL that says what page it is: {@code //host/owner/repo/blob/}, {@code tree} or {@code edit}. */
  private static final Pattern PAGE_TYPE = Pattern.compile("//([^/]+)/([^/]+)/([^/]+)/(blob|tree|edit)/");
  /** A commit's hash in a URL: a file at a commit has no page to edit it on. */
  private static final Pattern COMMIT = Pattern.compile("\\b[0-9a-f]{40,}\\b");

  private final GitHubCredentials credentials;
  private final GitHubApiCalls calls;
  private final BranchNames branches;
  private final GitHubContents contents;

  /** With the plugin's cache, which keeps ETags and branch names for every instance when it is Redis. */
  public static GitHubUrlReader fromConfig(Config config, Cache cache) {
    return new GitHubUrlReader(config, cache, Clock.systemUTC(), Sleeper.REAL);
  }

  GitHubUrlReader(Config config, Cache cache, Clock clock, Sleeper sleeper) {
    this.credentials = GitHubCredentials.fromConfig(config, clock);
    this.calls = new GitHubApiCalls("backlot-catalog");
    this.branches = new BranchNames(calls, cache);
    this.contents = new GitHubContents(calls, RetryPolicy.fromConfig(config), ConditionalCache.fromConfig(config, cache),
        FileSizeLimit.fromConfig(config), clock, sleeper);
  }

  @Override
  public boolean accepts(String type, String target) {
    return "url".equals(type) && GitHubUrl.parse(target).flatMap(this::integration).isPresent();
  }

  @Override
  public String read(String type, String target) throws IOException {
    GitHubUrl url = GitHubUrl.parse(target).orElseThrow(() -> new IOException(target + " is not a GitHub blob or tree URL"));
    GitHubIntegration integration = integration(url).orElseThrow(() -> new IOException("no integrations.github entry for " + url.host()));
    // A revoked installation token is forgotten, a new one minted, and the read tried once more.
    return credentials.withRenewal(url.host(), url.owner(), authorization -> read(integration, target, url, authorization));
  }

  private String read(GitHubIntegration integration, String target, GitHubUrl url, Optional<String> authorization) throws IOException {
    GitHubUrl file = branches.resolve(integration, url, authorization);
    if (file.path().isEmpty()) {
      throw new IOException(target + " names a folder, not a file");
    }
    return contents.read(integration, file, authorization);
  }

  /**
   * Relative to the file's folder, or to the folder itself for a tree URL, as on GitHub's pages.
   * A ref with {@code /} stays the same prefix of the result, so the result resolves to it too.
   */
  @Override
  public String resolve(String base, String relative) {
    String folderAware = GitHubUrl.parse(base).filter(GitHubUrl::tree).isPresent() && !base.endsWith("/") ? base + "/" : base;
    return URI.create(folderAware).resolve(relative).toString();
  }

  /** The same host, owner and repository, on any ref. */
  @Override
  public boolean sameRepository(String base, String target) {
    Optional<GitHubUrl> from = GitHubUrl.parse(base);
    Optional<GitHubUrl> to = GitHubUrl.parse(target);
    return from.isPresent() && to.isPresent() && from.get().sameRepository(to.get());
  }

  /**
   * A repository's page ({@code https://github.com/acme/payments}, also with {@code .git} or a
   * trailing slash) names no branch: the file is taken from its default branch, which {@code GET
   * /repos/{owner}/{repo}} tells, as Backstage's catalog import does.
   */
  @Override
  public Optional<String> fileInRepository(String repositoryUrl, String filename) throws IOException {
    Matcher repository = REPOSITORY.matcher(repositoryUrl);
    if (!repository.matches() || GitHubUrl.isDotSegment(repository.group(2)) || GitHubUrl.isDotSegment(repository.group(3))) {
      return Optional.empty();
    }
    String host = repository.group(1).toLowerCase(java.util.Locale.ROOT);
    Optional<GitHubIntegration> integration = credentials.integration(host);
    if (integration.isEmpty()) {
      return Optional.empty();
    }
    String owner = repository.group(2);
    String name = repository.group(3);
    URI uri = URI.create(integration.get().apiBaseUrl() + "/repos/" + GitHubApiCalls.encode(owner) + "/" + GitHubApiCalls.encode(name));
    HttpResponse<String> answer = calls.get(uri, "application/vnd.github+json", credentials.authorizationFor(host, owner), Optional.empty(),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IOException("GitHub answered " + answer.statusCode() + " for the repository " + owner + "/" + name);
    }
    String branch = Json.MAPPER.readTree(answer.body()).path("default_branch").asText("");
    if (branch.isEmpty()) {
      throw new IOException("GitHub named no default branch for " + owner + "/" + name + " (an empty repository?)");
    }
    return Optional.of("https://" + host + "/" + owner + "/" + name + "/blob/" + branch + "/" + filename);
  }

  /** GitHub's page for editing the file: its {@code /edit/} URL, as Backstage's GitHub integration gives. */
  @Override
  public Optional<String> editUrl(String target) {
    return COMMIT.matcher(target).find() ? Optional.empty() : Optional.of(withPageType(target, "edit"));
  }

  /**
   * The file's folder as a {@code /tree/} URL (GitHub redirects a tree URL of a file to its blob,
   * so Backstage always uses tree), with the target's query, as Backstage resolves {@code ./}.
   */
  @Override
  public Optional<String> sourceFolder(String target) {
    URI file = URI.create(target);
    String folder = file.resolve("./").toString();
    String withQuery = file.getRawQuery() == null || folder.contains("?") ? folder : folder + "?" + file.getRawQuery();
    return Optional.of(withPageType(withQuery, "tree"));
  }

  private static String withPageType(String url, String type) {
    return PAGE_TYPE.matcher(url).replaceFirst("//$1/$2/$3/" + type + "/");
  }

  private Optional<GitHubIntegration> integration(GitHubUrl file) {
    return credentials.integration(file.host());
  }
}
