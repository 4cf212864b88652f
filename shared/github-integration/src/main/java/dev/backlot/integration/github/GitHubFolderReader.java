package dev.backlot.integration.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.cache.Cache;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a folder of a GitHub repository through the Git Data API, with the credentials of
 * {@code integrations.github}: {@link #locate} finds the folder's tree (its SHA changes exactly when
 * something below it changes, so it is a cheap version), {@link #files} lists the files below it
 * ({@code GET /repos/{owner}/{repo}/git/trees/{sha}?recursive=1}) and {@link #blob} reads one
 * ({@code GET /repos/{owner}/{repo}/git/blobs/{sha}}, raw); {@link #read} reads them all within a
 * caller's file and byte limits. Techdocs reads docs folders with it, the scaffolder skeletons.
 *
 * <p>What GitHub answers is checked, not trusted: a truncated listing is refused (never taken as
 * complete), so is a path that is not a plain relative path ({@code ..}, {@code .}, empty segments,
 * a leading {@code /}, backslashes, control characters), and an object id that is not a SHA. Symbolic
 * links and submodules are left out, as on the file system. A rate limit fails the read at once,
 * naming its reset: these reads run inside a request with a deadline, and the next scheduled call
 * tries again.
 */
public final class GitHubFolderReader {
  /** A file ({@code blob}) or folder ({@code tree}) below a folder: its path relative to it, its object and (files) its size. */
  public record Entry(String path, String type, String sha, long size) {
    public boolean isFile() {
      return type.equals("blob");
    }
  }

  /** A folder at a resolved ref: its tree, and what is directly in it. */
  public record Folder(GitHubUrl url, String treeSha, List<Entry> children) {
    /** The file or folder {@code name} directly in this folder. */
    public Optional<Entry> child(String name) {
      return children.stream().filter(entry -> entry.path().equals(name)).findFirst();
    }
  }

  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final String JSON = "application/vnd.github+json";
  private static final String RAW = "application/vnd.github.raw+json";
  private static final String SYMLINK_MODE = "120000";

  private final GitHubCredentials credentials;
  private final GitHubApiCalls calls;
  private final BranchNames branches;
  private final Clock clock;

  public GitHubFolderReader(GitHubCredentials credentials, Cache cache, String userAgent, Clock clock) {
    this.credentials = credentials;
    this.calls = new GitHubApiCalls(userAgent);
    this.branches = new BranchNames(calls, cache);
    this.clock = clock;
  }

  /** Whether {@code url} is a GitHub tree URL on a host of {@code integrations.github}, the only folders this reads. */
  public boolean reads(GitHubUrl url) {
    return url.tree() && readsHost(url.host());
  }

  /** Whether {@code host} (a web host, with its port when it has one) is a GitHub host of {@code integrations.github}. */
  public boolean readsHost(String host) {
    return credentials.integration(host).isPresent();
  }

  /**
   * The folder {@code url} names, its ref settled ({@code tree/feature/x/docs}: which part is the
   * branch) and its tree found by walking down from the ref's root tree, a request per level.
   */
  public Folder locate(GitHubUrl url) throws IOException {
    if (!reads(url)) {
      throw new IOException(url.host() + " is not a GitHub host of integrations.github, or " + url.path() + " is no folder URL");
    }
    return withRenewal(url, authorization -> {
      GitHubIntegration integration = credentials.integration(url.host()).orElseThrow();
      GitHubUrl resolved = branches.resolve(integration, url, authorization);
      GitHubUrl root = resolved.atPath("");
      Folder folder = tree(root, GitHubApiCalls.encode(resolved.ref()), authorization);
      return walk(folder, resolved.path(), authorization);
    });
  }

  /** The folder {@code relative} (a plain relative path) below {@code parent}, a request per level. */
  public Folder subfolder(Folder parent, String relative) throws IOException {
    checkPath(relative, parent.url());
    return withRenewal(parent.url(), authorization -> walk(parent, relative, authorization));
  }

  private Folder walk(Folder from, String relative, Optional<String> authorization) throws IOException {
    Folder folder = from;
    for (String segment : relative.isEmpty() ? new String[0] : relative.split("/")) {
      Entry child = folder.child(segment).filter(entry -> entry.type().equals("tree"))
          .orElseThrow(() -> new IOException(describe(from.url()) + " has no folder " + relative));
      folder = tree(folder.url().atPath(folder.url().path().isEmpty() ? segment : folder.url().path() + "/" + segment), child.sha(), authorization);
    }
    return folder;
  }

  private Folder tree(GitHubUrl url, String shaOrRef, Optional<String> authorization) throws IOException {
    JsonNode tree = json(url, "/git/trees/" + shaOrRef, authorization, "the folder's tree");
    return new Folder(url, sha(tree.path("sha"), url), entries(tree, url, Integer.MAX_VALUE, false));
  }

  /** Every file below the folder, at most {@code maxFiles} of them (more is an error, not a cut list). */
  public List<Entry> files(Folder folder, int maxFiles) throws IOException {
    return withRenewal(folder.url(), authorization -> {
      JsonNode listing = json(folder.url(), "/git/trees/" + folder.treeSha() + "?recursive=1", authorization, "the folder's files");
      if (listing.path("truncated").asBoolean(false)) {
        throw new IOException(describe(folder.url()) + ": GitHub truncated the folder's listing (too many files); it is not read in part");
      }
      return entries(listing, folder.url(), maxFiles, true);
    });
  }

  /**
   * Every file below the folder with its bytes, by path below it. The limits are checked on the
   * listing, before a byte is read: more than {@code maxFiles} files, or more than {@code maxBytes}
   * in all, fails the read.
   */
  public Map<String, byte[]> read(Folder folder, int maxFiles, long maxBytes) throws IOException {
    List<Entry> listed = files(folder, maxFiles);
    long total = 0;
    for (Entry file : listed) {
      total += file.size();
      if (total > maxBytes) {
        throw new IOException(describe(folder.url()) + " holds more than " + maxBytes + " bytes");
      }
    }
    Map<String, byte[]> files = new TreeMap<>();
    for (Entry file : listed) {
      files.put(file.path(), blob(folder, file));
    }
    return files;
  }

  /**
   * The entries of a tree listing: files and folders, or only files (with a cap). Symbolic links and
   * submodules are left out; every path and object id is checked first.
   */
  private static List<Entry> entries(JsonNode listing, GitHubUrl url, int maxFiles, boolean filesOnly) throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (JsonNode entry : listing.path("tree")) {
      String path = entry.path("path").asText("");
      checkPath(path, url);
      String type = entry.path("type").asText();
      boolean file = type.equals("blob") && !entry.path("mode").asText().equals(SYMLINK_MODE);
      if (!(file || type.equals("tree") && !filesOnly)) {
        continue;
      }
      if (file && filesOnly && entries.size() >= maxFiles) {
        throw new IOException(describe(url) + " has more than " + maxFiles + " files");
      }
      long size = file ? entry.path("size").asLong(-1) : 0;
      if (size < 0) {
        throw new IOException(describe(url) + ": GitHub gave no size for " + path);
      }
      entries.add(new Entry(path, type, sha(entry.path("sha"), url), size));
    }
    return entries;

  }

  /** The bytes of {@code file}, refused when GitHub sends more than the listing said it has. */
  public byte[] blob(Folder folder, Entry file) throws IOException {
    return withRenewal(folder.url(), authorization -> {
      HttpResponse<InputStream> response = calls.get(api(folder.url(), "/git/blobs/" + file.sha()), RAW, authorization, Optional.empty(),
          HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        check(response, folder.url(), file.path(), authorization);
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, file.size() + 1));
        if (bytes.length != file.size()) {
          throw new IOException(describe(folder.url()) + ": " + file.path() + " is not the " + file.size() + " bytes its listing says");
        }
        return bytes;
      }
    });
  }

  /** A GitHub edit page for the folder: {@code https://<host>/<owner>/<repo>/edit/<ref>/<path>/}. */
  public static String editUrl(GitHubUrl folder) {
    return "https://" + folder.host() + "/" + folder.owner() + "/" + folder.repo() + "/edit/" + folder.ref() + "/"
        + (folder.path().isEmpty() ? "" : folder.path() + "/");
  }

  private JsonNode json(GitHubUrl url, String path, Optional<String> authorization, String what) throws IOException {
    HttpResponse<InputStream> response = calls.get(api(url, path), JSON, authorization, Optional.empty(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      check(response, url, what, authorization);
      return Json.MAPPER.readTree(body);
    }
  }

  private void check(HttpResponse<?> response, GitHubUrl url, String what, Optional<String> authorization) throws IOException {
    int status = response.statusCode();
    if (status == 200) {
      return;
    }
    if (status == 401 && authorization.isPresent()) {
      throw new TokenRefused(describe(url) + ": GitHub answered HTTP 401 to the credentials of integrations.github");
    }
    String headers = "";
    Optional<String> remaining = response.headers().firstValue("X-RateLimit-Remaining");
    Optional<String> reset = response.headers().firstValue("X-RateLimit-Reset");
    Optional<String> retryAfter = response.headers().firstValue("Retry-After");
    if ((status == 403 || status == 429) && retryAfter.isPresent()) {
      headers = " (rate limited; GitHub asks to wait " + retryAfter.get() + " s)";
    } else if ((status == 403 || status == 429) && remaining.filter("0"::equals).isPresent() && reset.isPresent()) {
      headers = " (rate limited until " + resetTime(reset.get()) + ")";
    } else if (status >= 300 && status < 400) {
      headers = " (a redirect to " + response.headers().firstValue("Location").orElse("nowhere") + ", which is not followed off the API's host)";
    }
    throw new IOException(describe(url) + ": GitHub answered HTTP " + status + " for " + what + headers);
  }

  private String resetTime(String epochSeconds) {
    try {
      Instant reset = Instant.ofEpochSecond(Long.parseLong(epochSeconds.trim()));
      return reset + ", in " + Math.max(0, reset.getEpochSecond() - clock.instant().getEpochSecond()) + " s";
    } catch (NumberFormatException e) {
      return epochSeconds;
    }
  }

  private URI api(GitHubUrl url, String path) {
    GitHubIntegration integration = credentials.integration(url.host()).orElseThrow();
    return URI.create(integration.apiBaseUrl() + "/repos/" + GitHubApiCalls.encode(url.owner()) + "/" + GitHubApiCalls.encode(url.repo()) + path);
  }

  private static String sha(JsonNode value, GitHubUrl url) throws IOException {
    String sha = value.asText("");
    if (!SHA.matcher(sha).matches()) {
      throw new IOException(describe(url) + ": GitHub answered an object id that is no SHA: " + abbreviate(sha));
    }
    return sha;
  }

  /** A path GitHub lists below the folder must be a plain relative path: it becomes a key in the site's store. */
  static void checkPath(String path, GitHubUrl url) throws IOException {
    boolean plain = !path.isEmpty() && !path.startsWith("/") && !path.contains("\\") && path.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    if (plain) {
      for (String segment : path.split("/", -1)) {
        plain &= !segment.isEmpty() && !GitHubUrl.isDotSegment(segment);
      }
    }
    if (!plain) {
      throw new IOException(describe(url) + ": GitHub listed a path that is not a plain relative path: " + abbreviate(path));
    }
  }

  private static String abbreviate(String value) {
    String printable = value.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 120 ? printable.substring(0, 120) + "…" : printable;
  }

  private static String describe(GitHubUrl url) {
    return url.owner() + "/" + url.repo() + "@" + url.ref() + ":" + (url.path().isEmpty() ? "/" : url.path());
  }

  private <T> T withRenewal(GitHubUrl url, GitHubCredentials.Authorized<T> call) throws IOException {
    return credentials.withRenewal(url.host(), url.owner(), call);
  }
}
