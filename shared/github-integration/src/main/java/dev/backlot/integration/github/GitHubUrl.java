package dev.backlot.integration.github;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A file or folder on a GitHub web page URL: {@code https://<host>/<owner>/<repo>/blob/<ref>/<path>}
 * or {@code .../tree/<ref>/<path>}. A branch name may itself contain {@code /}
 * ({@code blob/feature/new-api/catalog-info.yaml}), so the URL alone does not say where the ref
 * ends: {@link #ref()} and {@link #path()} read the first segment as the ref, as Backstage does,
 * and {@link #refCandidates()} lists every other reading for {@link BranchNames} to settle.
 *
 * <p>No segment may be {@code .} or {@code ..}, written plainly or percent-encoded: each segment goes
 * into a REST API path, where GitHub resolves dot segments, so {@code blob/main/../../other/contents/x}
 * would read another repository than the one the URL names, with that URL's credentials.
 */
public record GitHubUrl(String host, String owner, String repo, String ref, String path, boolean tree) {
  /** Beyond this many segments a ref is not looked for: no real branch name is that deep. */
  private static final int MAX_REF_SEGMENTS = 8;

  public static Optional<GitHubUrl> parse(String target) {
    URI uri;
    try {
      uri = URI.create(target);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawQuery() != null
        || uri.getRawUserInfo() != null || uri.getRawFragment() != null || uri.getPath() == null) {
      return Optional.empty();
    }
    if (Arrays.stream(uri.getPath().split("/")).anyMatch(GitHubUrl::isDotSegment)) {
      return Optional.empty();
    }
    String[] segments = uri.getPath().split("/", 6);
    // "", owner, repo, blob|tree, ref, path
    if (segments.length < 5 || segments[1].isEmpty() || segments[2].isEmpty() || segments[4].isEmpty()
        || !(segments[3].equals("blob") || segments[3].equals("tree"))) {
      return Optional.empty();
    }
    String path = segments.length == 6 ? segments[5] : "";
    boolean tree = segments[3].equals("tree");
    if (!tree && path.isEmpty() || path.contains("//") || path.endsWith("/") && !tree) {
      return Optional.empty();
    }
    String host = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    return Optional.of(new GitHubUrl(host.toLowerCase(Locale.ROOT), segments[1], segments[2], segments[4], strip(path), tree));
  }

  /**
   * Every ref this URL may name, shortest first: {@code feature}, {@code feature/new-api}, ... A
   * file URL keeps at least its file name as the path; a folder URL may be all ref.
   */
  public List<String> refCandidates() {
    List<String> candidates = new ArrayList<>();
    candidates.add(ref);
    String[] rest = path.isEmpty() ? new String[0] : path.split("/");
    int lastRefSegment = tree ? rest.length : rest.length - 1;
    StringBuilder candidate = new StringBuilder(ref);
    for (int i = 0; i < lastRefSegment && candidates.size() < MAX_REF_SEGMENTS; i++) {
      candidate.append('/').append(rest[i]);
      candidates.add(candidate.toString());
    }
    return candidates;
  }

  /** This URL read with {@code longerRef}, one of {@link #refCandidates()}: the path is what follows it. */
  public GitHubUrl withRef(String longerRef) {
    String whole = path.isEmpty() ? ref : ref + "/" + path;
    if (!whole.equals(longerRef) && !whole.startsWith(longerRef + "/")) {
      throw new IllegalArgumentException(longerRef + " does not begin " + whole);
    }
    String rest = whole.length() == longerRef.length() ? "" : whole.substring(longerRef.length() + 1);
    return new GitHubUrl(host, owner, repo, longerRef, rest, tree);
  }

  /** The folder {@code newPath} (a plain relative path, already checked) of this URL's repository and ref, as a tree URL. */
  public GitHubUrl atPath(String newPath) {
    return new GitHubUrl(host, owner, repo, ref, newPath, true);
  }

  /** Whether {@code other} is in this URL's repository: the same host, owner and repository (GitHub's names ignore case). */
  public boolean sameRepository(GitHubUrl other) {
    return host.equals(other.host) && owner.equalsIgnoreCase(other.owner) && repo.equalsIgnoreCase(other.repo);
  }

  /** {@code .} or {@code ..}, which a server resolves against the segments before it (a decoded segment: {@code %2e%2e} too). */
  public static boolean isDotSegment(String segment) {
    return segment.equals(".") || segment.equals("..");
  }

  private static String strip(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
