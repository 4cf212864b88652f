package dev.backlot.platform.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/** A response a handler returns when a plain 200 JSON body is not enough. */
public final class Response {
  /** Writes a body straight to the client, so large bodies are streamed, not buffered. */
  @FunctionalInterface
  public interface BodyWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  private final int status;
  private final String contentType;
  private final BodyWriter body;
  private final Map<String, List<String>> headers;
  private final IntConsumer written;

  private Response(int status, String contentType, BodyWriter body, Map<String, List<String>> headers) {
    this(status, contentType, body, headers, s -> {});
  }

  private Response(int status, String contentType, BodyWriter body, Map<String, List<String>> headers, IntConsumer written) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    this.headers = headers;
    this.written = written;
  }

  public static Response json(int status, Object value) {
    byte[] bytes = Json.bytes(value);
    return new Response(status, "application/json; charset=utf-8", out -> out.write(bytes), Map.of());
  }

  public static Response empty(int status) {
    return new Response(status, null, null, Map.of());
  }

  public static Response stream(int status, String contentType, BodyWriter body) {
    return new Response(status, contentType, body, Map.of());
  }

  /** Returns a copy with {@code name: value} added to the headers. */
  public Response withHeader(String name, String value) {
    Map<String, List<String>> copy = new LinkedHashMap<>(headers);
    copy.merge(name, List.of(value), (a, b) -> {
      List<String> both = new java.util.ArrayList<>(a);
      both.addAll(b);
      return List.copyOf(both);
    });
    return new Response(status, contentType, body, Map.copyOf(copy), written);
  }

  /** Returns a copy that tells {@code then} the status once the router has written it all (or failed to). */
  Response afterWriting(IntConsumer then) {
    return new Response(status, contentType, body, headers, written.andThen(then));
  }

  void written() {
    written.accept(status);
  }

  public int status() {
    return status;
  }

  public Map<String, List<String>> headers() {
    return headers;
  }

  String contentType() {
    return contentType;
  }

  BodyWriter body() {
    return body;
  }
}
