package dev.backlot.scaffolder.actions;

import java.util.Map;
import java.util.TreeMap;

/** A dry run's {@code directoryContents}: the template's folder as the request sends it. */
public final class InMemoryTemplateFiles implements TemplateFiles {
  private final Map<String, byte[]> files;

  /** {@code files} keyed by path relative to the template's folder. */
  public InMemoryTemplateFiles(Map<String, byte[]> files) {
    this.files = new TreeMap<>();
    files.forEach((path, content) -> this.files.put(normalize(path, path), content));
  }

  @Override
  public Map<String, byte[]> folder(String url) {
    String prefix = normalize(url, url);
    Map<String, byte[]> found = new TreeMap<>();
    files.forEach((path, content) -> {
      if (prefix.isEmpty()) {
        found.put(path, content);
      } else if (path.startsWith(prefix + "/")) {
        found.put(path.substring(prefix.length() + 1), content);
      }
    });
    if (found.isEmpty()) {
      throw new ActionException("No files next to the template at " + url);
    }
    return found;
  }

  @Override
  public byte[] file(String url) {
    byte[] content = files.get(normalize(url, url));
    if (content == null) {
      throw new ActionException("No file next to the template at " + url);
    }
    return content;
  }

  /** A relative path without {@code ./}, refused when it is absolute, a URL or climbs out with {@code ..}. */
  static String normalize(String path, String original) {
    if (path.contains("://") || path.startsWith("/") || path.contains("\\") || path.indexOf('\0') >= 0) {
      throw new ActionException("Only paths relative to the template are supported in a dry run, not " + original);
    }
    StringBuilder out = new StringBuilder();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw new ActionException("Relative path is not allowed to refer to a directory outside its parent: " + original);
      }
      out.append(out.isEmpty() ? "" : "/").append(part);
    }
    return out.toString();
  }
}
