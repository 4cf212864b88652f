package dev.backlot.techdocs.sync;

import dev.backlot.integration.github.GitHubFolderReader;
import dev.backlot.integration.github.GitHubFolderReader.Entry;
import dev.backlot.integration.github.GitHubFolderReader.Folder;
import dev.backlot.integration.github.GitHubUrl;
import dev.backlot.techdocs.generator.GeneratorLimits;
import dev.backlot.techdocs.generator.SiteGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A docs folder in a GitHub repository. Its version is what the site is built from: {@code
 * mkdocs.yml}'s bytes and the tree SHA of the docs folder it names, which Git changes exactly when
 * a file below it changes; learning it costs a request per folder level and one for {@code
 * mkdocs.yml}, however large the docs. The files are listed and read only for a build, and the
 * generator's limits are checked on the listing, before a byte of the files is read.
 */
final class GitHubSiteSource implements SiteSource {
  private final GitHubFolderReader github;
  private final GitHubUrl url;
  private final GeneratorLimits limits;
  private byte[] config;
  private Folder folder;
  private Folder docs;
  private String docsDir;

  GitHubSiteSource(GitHubFolderReader github, GitHubUrl url, GeneratorLimits limits) {
    this.github = github;
    this.url = url;
    this.limits = limits;
  }

  @Override
  public String version() throws IOException {
    folder = github.locate(url);
    Entry mkdocs = folder.child(SiteGenerator.CONFIG_FILE).filter(Entry::isFile)
        .orElseThrow(() -> new IllegalArgumentException("no " + SiteGenerator.CONFIG_FILE + " in " + url.path() + " of " + url.owner() + "/" + url.repo()));
    if (mkdocs.size() > limits.maxPageBytes()) {
      throw new IllegalArgumentException(SiteGenerator.CONFIG_FILE + " is larger than " + limits.maxPageBytes() + " bytes");
    }
    config = github.blob(folder, mkdocs);
    docsDir = SiteGenerator.docsDir(config);
    docs = docsDir.equals(".") ? folder : github.subfolder(folder, docsDir);
    return SourceHash.ofTree(config, docs.treeSha());
  }

  @Override
  public Map<String, byte[]> files() throws IOException {
    if (docs == null) {
      version();
    }
    // mkdocs.yml is one of the files the limits count.
    List<Entry> listed = github.files(docs, limits.maxFiles() - 1);
    long total = config.length;
    long pages = 0;
    for (Entry file : listed) {
      total += file.size();
      if (total > limits.maxSiteBytes()) {
        throw new IllegalArgumentException("the docs folder holds more than " + limits.maxSiteBytes() + " bytes");
      }
      if (file.path().endsWith(".md") && (++pages > limits.maxPages() || file.size() > limits.maxPageBytes())) {
        throw new IllegalArgumentException(pages > limits.maxPages() ? "the docs folder has more than " + limits.maxPages() + " pages"
            : "page " + file.path() + " is larger than " + limits.maxPageBytes() + " bytes");
      }
    }
    Map<String, byte[]> files = new TreeMap<>();
    files.put(SiteGenerator.CONFIG_FILE, config);
    String prefix = docsDir.equals(".") ? "" : docsDir + "/";
    for (Entry file : listed) {
      files.put(prefix + file.path(), github.blob(docs, file));
    }
    return files;
  }

  @Override
  public Optional<String> editBase() {
    return Optional.of(GitHubFolderReader.editUrl(folder == null ? url : folder.url()));
  }
}
