package dev.backlot.techdocs.generator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds a site from a docs source ({@code mkdocs.yml} and its docs folder) the way mkdocs lays
 * one out, with markup close to mkdocs-material's, so the reader shows generated and
 * mkdocs-built sites the same way: every page is {@code <page>/index.html} with the site's nav
 * ({@code nav.md-nav--primary}), the page in {@code article.md-content__inner}, and an "edit this
 * page" link when the repository is known; other files are copied; the search index is
 * mkdocs' {@code search/search_index.json}.
 */
public final class SiteGenerator {
  public static final String CONFIG_FILE = "mkdocs.yml";
  static final String SEARCH_INDEX = "search/search_index.json";

  private final GeneratorLimits limits;

  public SiteGenerator(GeneratorLimits limits) {
    this.limits = limits;
  }

  /** The docs folder {@code mkdocs.yml} names ({@code docs} unless {@code docs_dir} says otherwise). */
  public static String docsDir(byte[] mkdocsYml) {
    String dir = MkdocsConfig.parse(mkdocsYml).docsDir();
    return dir.isEmpty() ? "." : dir;
  }

  /**
   * Builds the site of {@code source} (paths below the folder holding mkdocs.yml); {@code editBase}
   * is the URL of the source folder in the repository's editor, when known.
   */
  public GeneratedSite generate(Map<String, byte[]> source, Optional<String> editBase) {
    byte[] configBytes = source.get(CONFIG_FILE);
    if (configBytes == null) {
      throw new IllegalArgumentException("the docs source has no " + CONFIG_FILE);
    }
    MkdocsConfig config = MkdocsConfig.parse(configBytes);
    String prefix = config.docsDir().isEmpty() ? "" : config.docsDir() + "/";
    Map<String, byte[]> docs = new TreeMap<>();
    source.forEach((path, bytes) -> {
      if (path.startsWith(prefix)) {
        docs.put(path.substring(prefix.length()), bytes);
      }
    });
    checkLimits(docs);
    List<String> pages = docs.keySet().stream().filter(p -> p.endsWith(".md")).toList();
    if (pages.isEmpty()) {
      throw new IllegalArgumentException("the docs folder " + config.docsDir() + "/ has no Markdown pages");
    }
    List<NavItem> nav = config.nav().orElseGet(() -> defaultNav(pages));
    Map<String, String> navTitles = new LinkedHashMap<>();
    collectTitles(nav, navTitles);

    PageRenderer renderer = new PageRenderer(docs.keySet());
    Map<String, RenderedPage> rendered = new LinkedHashMap<>();
    for (String page : pages) {
      rendered.put(page, renderer.render(page, new String(docs.get(page), StandardCharsets.UTF_8), navTitles.get(page)));
    }
    // The source folder's editor URL and the docs folder below it; else mkdocs' own repo_url +
    // edit_uri, which already points at the docs folder.
    Optional<String> editRoot = editBase.map(base -> join(base, prefix))
        .or(() -> config.repoUrl().flatMap(repo -> config.editUri().map(edit -> join(repo, edit))));

    Map<String, byte[]> files = new TreeMap<>();
    Map<String, List<String>> broken = new TreeMap<>();
    ArrayNode index = Json.MAPPER.createArrayNode();
    for (Map.Entry<String, RenderedPage> entry : rendered.entrySet()) {
      String page = entry.getKey();
      RenderedPage result = entry.getValue();
      String html = PageTemplate.page(config.siteName(), result, PagePaths.url(page), nav, rendered,
          editRoot.map(root -> root + page));
      files.put(PagePaths.file(page), html.getBytes(StandardCharsets.UTF_8));
      if (!result.brokenLinks().isEmpty()) {
        broken.put(page, result.brokenLinks());
      }
      index.addObject().put("location", PagePaths.url(page)).put("title", result.title()).put("text", result.text().strip());
    }
    docs.forEach((path, bytes) -> {
      if (!path.endsWith(".md")) {
        files.putIfAbsent(path, bytes);
      }
    });
    ObjectNode search = Json.object();
    search.putObject("config").put("separator", "[\\s\\-]+").putArray("lang").add("en");
    search.set("docs", index);
    files.put(SEARCH_INDEX, Json.bytes(search));
    return new GeneratedSite(config.siteName(), config.siteDescription(), files, broken);
  }

  private void checkLimits(Map<String, byte[]> docs) {
    if (docs.size() > limits.maxFiles()) {
      throw new IllegalArgumentException("the docs folder has " + docs.size() + " files, more than " + limits.maxFiles());
    }
    long pages = docs.keySet().stream().filter(p -> p.endsWith(".md")).count();
    if (pages > limits.maxPages()) {
      throw new IllegalArgumentException("the docs folder has " + pages + " pages, more than " + limits.maxPages());
    }
    long total = 0;
    for (Map.Entry<String, byte[]> file : docs.entrySet()) {
      total += file.getValue().length;
      if (file.getKey().endsWith(".md") && file.getValue().length > limits.maxPageBytes()) {
        throw new IllegalArgumentException("page " + file.getKey() + " is larger than " + limits.maxPageBytes() + " bytes");
      }
    }
    if (total > limits.maxSiteBytes()) {
      throw new IllegalArgumentException("the docs folder holds more than " + limits.maxSiteBytes() + " bytes");
    }
  }

  /** Without a nav, mkdocs lists the pages alphabetically, the home page first. */
  private static List<NavItem> defaultNav(List<String> pages) {
    List<NavItem> nav = new ArrayList<>();
    pages.stream().filter(p -> PagePaths.url(p).isEmpty()).findFirst().ifPresent(home -> nav.add(NavItem.page(null, home)));
    pages.stream().filter(p -> !PagePaths.url(p).isEmpty()).forEach(p -> nav.add(NavItem.page(null, p)));
    return nav;
  }

  private static void collectTitles(List<NavItem> items, Map<String, String> titles) {
    for (NavItem item : items) {
      if (item.page() != null && item.title() != null) {
        titles.putIfAbsent(item.page(), item.title());
      }
      collectTitles(item.children(), titles);
    }
  }

  private static String join(String base, String path) {
    if (path.isEmpty()) {
      return base.endsWith("/") ? base : base + "/";
    }
    return (base.endsWith("/") ? base : base + "/") + (path.startsWith("/") ? path.substring(1) : path);
  }
}
