package dev.backlot.techdocs.sync;

import dev.backlot.integration.github.GitHubFolderReader;
import dev.backlot.integration.github.GitHubUrl;
import dev.backlot.techdocs.generator.GeneratorLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the generator reads an entity's docs from, decided from its {@code backstage.io/techdocs-ref}
 * and the catalog file it came from, before anything is read:
 *
 * <ul>
 *   <li>{@code dir:<folder>} next to a {@code file:} catalog file: that folder, below the file's;
 *   <li>{@code dir:<folder>} next to a catalog file on GitHub ({@code url:https://<host>/<owner>/<repo>/blob/<ref>/...}):
 *       that folder of the same repository and ref, below the file's;
 *   <li>{@code url:https://<host>/<owner>/<repo>/tree/<ref>/<folder>}: that folder.
 * </ul>
 *
 * GitHub means a host of {@code integrations.github}, as for the catalog's url locations, and
 * {@link GitHubUrl}'s parsing (no dot segments, no query). Any other reference or host is not
 * built here: such docs are published by CI with techdocs-cli, and nothing is fetched from there.
 */
final class SiteSources {
  /** Not built here, and why. */
  static final class NotBuiltHere extends Exception {
    NotBuiltHere(String reason) {
      super(reason);
    }
  }

  private final GitHubFolderReader github;
  private final GeneratorLimits limits;

  SiteSources(GitHubFolderReader github, GeneratorLimits limits) {
    this.github = github;
    this.limits = limits;
  }

  /** The entity's source; {@link NotBuiltHere} for docs CI publishes, IllegalArgumentException for a reference that is refused. */
  SiteSource of(DocumentedEntity entity) throws NotBuiltHere {
    String ref = entity.techdocsRef();
    String location = entity.managedByLocation();
    if (ref.startsWith("url:")) {
      return new GitHubSiteSource(github, githubFolder(ref.substring("url:".length()).strip(), ref), limits);
    }
    if (!ref.startsWith("dir:")) {
      throw new NotBuiltHere("techdocs-ref " + ref + " is built elsewhere (CI publishes it with techdocs-cli)");
    }
    if (location.startsWith("file:")) {
      return new FolderSiteSource(Path.of(location.substring("file:".length())), ref, limits);
    }
    if (location.startsWith("url:")) {
      Optional<GitHubUrl> file = GitHubUrl.parse(location.substring("url:".length()));
      if (file.isPresent() && github.readsHost(file.get().host())) {
        return new GitHubSiteSource(github, below(file.get(), ref), limits);
      }
    }
    throw new NotBuiltHere("the catalog file is at " + location + ", neither a file nor on a GitHub host of integrations.github; "
        + "its docs are published by CI with techdocs-cli");
  }

  private GitHubUrl githubFolder(String target, String ref) throws NotBuiltHere {
    Optional<GitHubUrl> folder = GitHubUrl.parse(target);
    if (folder.isPresent() && github.reads(folder.get())) {
      return folder.get();
    }
    if (folder.isPresent() && !folder.get().tree()) {
      throw new IllegalArgumentException("techdocs-ref " + ref + " names a file; it must name the folder holding mkdocs.yml (…/tree/<ref>/<folder>)");
    }
    if (folder.isEmpty() && configuredHost(target)) {
      throw new IllegalArgumentException("techdocs-ref " + ref + " is not a plain GitHub folder URL https://<host>/<owner>/<repo>/tree/<ref>/<folder> "
          + "(no . or .. segments, query or fragment)");
    }
    throw new NotBuiltHere("techdocs-ref " + ref + " is not on a GitHub host of integrations.github; nothing is read from there "
        + "(CI publishes such docs with techdocs-cli)");
  }

  private boolean configuredHost(String target) {
    try {
      java.net.URI uri = java.net.URI.create(target);
      return uri.getHost() != null && github.readsHost(uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The folder {@code dir:<relative>} names next to the catalog file {@code file}; it may not climb out of the file's folder. */
  static GitHubUrl below(GitHubUrl file, String ref) {
    String relative = ref.substring("dir:".length()).strip();
    if (relative.isEmpty() || relative.startsWith("/") || relative.contains("\\") || relative.contains("\0")) {
      throw new IllegalArgumentException("techdocs-ref " + ref + " must be a relative folder such as dir:.");
    }
    List<String> segments = new ArrayList<>();
    String path = file.path();
    if (path.contains("/")) {
      segments.addAll(List.of(path.substring(0, path.lastIndexOf('/')).split("/")));
    }
    for (String segment : relative.split("/")) {
      if (segment.equals("..")) {
        throw new IllegalArgumentException("techdocs-ref " + ref + " leaves the folder of the entity's catalog file");
      }
      if (!segment.isEmpty() && !segment.equals(".")) {
        segments.add(segment);
      }
    }
    return file.atPath(String.join("/", segments));
  }
}
