package dev.backlot.platform.logging;

import com.google.cloud.functions.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Binds a request's trace to the thread that serves it, so every log line written meanwhile
 * carries the trace, and writes one line per request with Cloud Logging's httpRequest fields.
 */
public final class RequestLog {
  private static final Logger LOG = Logger.getLogger("backlot.request");
  private static final ThreadLocal<TraceContext> CURRENT = new ThreadLocal<>();

  private final HttpRequest request;
  private final long startNanos = System.nanoTime();

  private RequestLog(HttpRequest request) {
    this.request = request;
  }

  public static RequestLog start(HttpRequest request) {
    TraceContext.from(name -> header(request, name)).ifPresentOrElse(CURRENT::set, CURRENT::remove);
    return new RequestLog(request);
  }

  /** Logs the request with its status and latency, then unbinds the trace. */
  public void finish(int status) {
    try {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      Map<String, Object> http = new LinkedHashMap<>();
      http.put("requestMethod", request.getMethod());
      http.put("requestUrl", request.getUri());
      http.put("status", status);
      http.put("latency", String.format("%.6fs", seconds));
      header(request, "User-Agent").ifPresent(ua -> http.put("userAgent", ua));
      header(request, "X-Forwarded-For").ifPresent(ip -> http.put("remoteIp", ip.split(",")[0].trim()));
      LogRecord record = new LogRecord(status >= 500 ? Level.WARNING : Level.INFO,
          request.getMethod() + " " + request.getPath() + " " + status + " " + Math.round(seconds * 1000) + "ms");
      record.setLoggerName(LOG.getName());
      record.setParameters(new Object[] {new HttpRequestFields(http)});
      LOG.log(record);
    } finally {
      CURRENT.remove();
    }
  }

  static Optional<TraceContext> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  private static Optional<String> header(HttpRequest request, String name) {
    for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
      if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
        return Optional.of(header.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  /** Marks a log record's parameter as Cloud Logging's {@code httpRequest} object. */
  record HttpRequestFields(Map<String, Object> fields) {}
}
