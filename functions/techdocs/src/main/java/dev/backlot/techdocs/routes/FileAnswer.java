package dev.backlot.techdocs.routes;

import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Response;
import dev.backlot.techdocs.site.ContentTypes;
import dev.backlot.techdocs.site.SiteStore.StoredFile;
import java.io.InputStream;

/**
 * A site's file as an HTTP answer: its content type, a strong ETag (a matching
 * {@code If-None-Match} gets a 304 without reading the file), caching and safety headers, and the
 * content streamed from the store in chunks.
 */
final class FileAnswer {
  /**
   * Pages could run scripts if opened directly: the sandbox gives them an opaque origin with no
   * scripts, forms or plugins, so a page someone published cannot act as the portal. The reader
   * never navigates to these URLs; it fetches the HTML and sanitises it before inserting it.
   */
  static final String DOCUMENT_CSP = "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
      + "font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";
  /** Pages and metadata change in place when a site is republished: kept, but revalidated every time (cheap with the ETag). */
  static final String REVALIDATE = "private, no-cache";
  /** Assets (images, styles, fonts) change rarely; a short freshness saves the round trips of a page's many assets. */
  static final String ASSETS = "private, max-age=300";

  private FileAnswer() {}

  static Response of(Request request, String path, StoredFile file) {
    String contentType = ContentTypes.of(path);
    String etag = "\"" + file.etag() + "\"";
    boolean page = contentType.startsWith("text/html") || contentType.startsWith("application/json");
    Response response = notModified(request, etag)
        ? Response.empty(304)
        : Response.stream(200, contentType, out -> {
          try (InputStream in = file.open()) {
            in.transferTo(out);
          }
        }).withHeader("Content-Length", Long.toString(file.size()));
    response = response.withHeader("ETag", etag)
        .withHeader("Cache-Control", page ? REVALIDATE : ASSETS)
        .withHeader("X-Content-Type-Options", "nosniff")
        .withHeader("Cross-Origin-Resource-Policy", "same-origin");
    if (ContentTypes.isActiveDocument(contentType)) {
      // The shell replaces a backend's CSP with its own (script-src 'self'), under which a page
      // opened in a tab could still load a script published next to it, in the portal's origin.
      // As an attachment it is never rendered there: the reader fetches pages, and images render
      // in <img> whatever the disposition.
      response = response.withHeader("Content-Security-Policy", DOCUMENT_CSP).withHeader("Content-Disposition", "attachment");
    }
    return response;
  }

  private static boolean notModified(Request request, String etag) {
    return request.header("If-None-Match").map(header -> {
      for (String candidate : header.split(",")) {
        String tag = candidate.trim();
        if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
          return true;
        }
      }
      return false;
    }).orElse(false);
  }
}
