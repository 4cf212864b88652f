package dev.backlot.techdocs.generator;

/**
 * Where mkdocs puts a page (its {@code use_directory_urls}, on by default): {@code index.md} and
 * {@code README.md} are their folder's page, every other {@code x.md} gets a folder {@code x/} of
 * its own. Links between pages are relative, from one page's folder to another's.
 */
final class PagePaths {
  private PagePaths() {}

  /** The page's URL below the site: "" for the home page, else a folder ending in '/'. */
  static String url(String markdownPath) {
    String withoutExtension = markdownPath.substring(0, markdownPath.length() - ".md".length());
    int slash = withoutExtension.lastIndexOf('/');
    String name = withoutExtension.substring(slash + 1);
    String folder = slash < 0 ? "" : withoutExtension.substring(0, slash + 1);
    if (name.equals("index") || name.equalsIgnoreCase("README")) {
      return folder;
    }
    return folder + name + "/";
  }

  /** The page's file in the site. */
  static String file(String markdownPath) {
    return url(markdownPath) + "index.html";
  }

  /** The folder a file sits in ("" at the top). */
  static String folderOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash + 1);
  }

  /** {@code target} (a path below the site) relative to {@code fromFolder} (a folder below the site ending in '/', or ""). */
  static String relative(String fromFolder, String target) {
    String[] from = fromFolder.isEmpty() ? new String[0] : fromFolder.substring(0, fromFolder.length() - 1).split("/");
    String[] to = target.split("/", -1);
    int common = 0;
    while (common < from.length && common < to.length - 1 && from[common].equals(to[common])) {
      common++;
    }
    StringBuilder out = new StringBuilder();
    out.append("../".repeat(from.length - common));
    for (int i = common; i < to.length; i++) {
      out.append(to[i]);
      if (i < to.length - 1) {
        out.append('/');
      }
    }
    return out.isEmpty() ? "./" : out.toString();
  }

  /**
   * Resolves {@code link} (relative, as written in the page at {@code fromMarkdown}) against the
   * page's folder; empty when it steps above the docs folder.
   */
  static java.util.Optional<String> resolve(String fromMarkdown, String link) {
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    String base = folderOf(fromMarkdown);
    for (String part : (base + link).split("/", -1)) {
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return java.util.Optional.empty();
        }
        parts.removeLast();
      } else if (!part.equals(".") && !part.isEmpty()) {
        parts.addLast(part);
      }
    }
    String joined = String.join("/", parts);
    return java.util.Optional.of(link.endsWith("/") && !joined.isEmpty() ? joined + "/" : joined);
  }
}
