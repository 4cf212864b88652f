package dev.backlot.techdocs.site;

import java.util.Locale;
import java.util.Map;

/**
 * The content type of a site's file, from its extension. Unknown extensions are
 * {@code application/octet-stream}, which a browser (told {@code nosniff}) downloads rather than
 * renders, so an uploaded file cannot pass for a page of the portal.
 */
public final class ContentTypes {
  static final String UNKNOWN = "application/octet-stream";

  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("htm", "text/html; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"),
      Map.entry("json", "application/json; charset=utf-8"),
      Map.entry("map", "application/json; charset=utf-8"),
      Map.entry("txt", "text/plain; charset=utf-8"),
      Map.entry("md", "text/markdown; charset=utf-8"),
      Map.entry("xml", "application/xml; charset=utf-8"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"),
      Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"),
      Map.entry("gif", "image/gif"),
      Map.entry("webp", "image/webp"),
      Map.entry("avif", "image/avif"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("woff", "font/woff"),
      Map.entry("woff2", "font/woff2"),
      Map.entry("ttf", "font/ttf"),
      Map.entry("eot", "application/vnd.ms-fontobject"),
      Map.entry("pdf", "application/pdf"),
      Map.entry("gz", "application/gzip"));

  private ContentTypes() {}

  public static String of(String path) {
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    if (dot <= slash) {
      return UNKNOWN;
    }
    return BY_EXTENSION.getOrDefault(path.substring(dot + 1).toLowerCase(Locale.ROOT), UNKNOWN);
  }

  /** Types a browser would run scripts in when opened directly: served under a sandboxing CSP. */
  public static boolean isActiveDocument(String contentType) {
    return contentType.startsWith("text/html") || contentType.startsWith("image/svg+xml") || contentType.startsWith("application/xml");
  }
}
