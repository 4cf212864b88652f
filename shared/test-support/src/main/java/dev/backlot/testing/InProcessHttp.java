package dev.backlot.testing;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Serves one request to a function in the calling thread, without a server: what a fuzz test
 * needs to send thousands of requests a second through the real routing, authentication and
 * handlers. Query parameters are given decoded, as the Functions Framework hands them over.
 * Tests of behaviour use the real invoker over loopback instead.
 */
public final class InProcessHttp {
  private InProcessHttp() {}

  /**
   * The answer: status, headers and body, and the last exception logged (at WARNING or above) while
   * it was served, which is what a 500 hides from the caller.
   */
  public record Answer(int status, Map<String, List<String>> headers, byte[] body, Throwable logged) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * Keeps the console to SEVERE lines, for thousands of requests a second, while WARNING records
   * (with the exceptions behind a 5xx) still reach {@link Answer#logged}. Call after the function
   * under test has configured logging.
   */
  public static void quietLogs() {
    Logger root = Logger.getLogger("");
    root.setLevel(Level.WARNING);
    for (Handler handler : root.getHandlers()) {
      handler.setLevel(Level.SEVERE);
    }
  }

  /** Sends {@code method path?query} with {@code headers} and {@code body} to {@code function}. */
  public static Answer send(HttpFunction function, String method, String path, Map<String, List<String>> query,
      Map<String, String> headers, byte[] body) throws Exception {
    Request request = new Request(method, path, query, headers, body);
    Response response = new Response();
    ThrownRecorder recorder = new ThrownRecorder(Thread.currentThread());
    Logger root = Logger.getLogger("");
    root.addHandler(recorder);
    try {
      function.service(request, response);
    } finally {
      root.removeHandler(recorder);
    }
    response.writer.flush();
    return new Answer(response.status, response.headers, response.body.toByteArray(), recorder.thrown);
  }

  /** Keeps the last exception logged by the serving thread. */
  private static final class ThrownRecorder extends Handler {
    private final Thread thread;
    private volatile Throwable thrown;

    ThrownRecorder(Thread thread) {
      this.thread = thread;
    }

    @Override
    public void publish(LogRecord record) {
      if (record.getThrown() != null && record.getLevel().intValue() >= Level.WARNING.intValue() && Thread.currentThread() == thread) {
        thrown = record.getThrown();
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  private record Request(String method, String path, Map<String, List<String>> query, Map<String, String> headerValues,
      byte[] body) implements HttpRequest {
    @Override
    public String getMethod() {
      return method;
    }

    @Override
    public String getUri() {
      return "http://localhost" + path + getQuery().map(q -> "?" + q).orElse("");
    }

    @Override
    public String getPath() {
      return path;
    }

    @Override
    public Optional<String> getQuery() {
      if (query.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(query.entrySet().stream()
          .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
          .collect(Collectors.joining("&")));
    }

    private static String encode(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public Map<String, List<String>> getQueryParameters() {
      return query;
    }

    @Override
    public Map<String, HttpPart> getParts() {
      return Map.of();
    }

    @Override
    public Optional<String> getContentType() {
      return getFirstHeader("Content-Type");
    }

    @Override
    public long getContentLength() {
      return body.length;
    }

    @Override
    public Optional<String> getCharacterEncoding() {
      return Optional.of("UTF-8");
    }

    @Override
    public InputStream getInputStream() {
      return new ByteArrayInputStream(body);
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headerValues.forEach((name, value) -> headers.put(name, List.of(value)));
      return headers;
    }
  }

  private static final class Response implements HttpResponse {
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
    private int status = 200;

    @Override
    public void setStatusCode(int code) {
      status = code;
    }

    @Override
    public void setStatusCode(int code, String message) {
      status = code;
    }

    @Override
    public void setContentType(String contentType) {
      headers.put("Content-Type", new ArrayList<>(List.of(contentType)));
    }

    @Override
    public Optional<String> getContentType() {
      return Optional.ofNullable(headers.get("Content-Type")).map(values -> values.get(0));
    }

    @Override
    public void appendHeader(String name, String value) {
      headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      return headers;
    }

    @Override
    public OutputStream getOutputStream() {
      return body;
    }

    @Override
    public BufferedWriter getWriter() {
      return writer;
    }
  }
}
