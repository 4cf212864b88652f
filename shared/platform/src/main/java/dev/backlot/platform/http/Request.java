package dev.backlot.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.functions.HttpRequest;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.logging.AuditLog;
import dev.backlot.platform.permission.Decision;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request as a handler sees it: the path below the plugin's prefix, params, body. */
public final class Request {
  private static final long SWALLOW_BYTES = 1024 * 1024;

  private final HttpRequest raw;
  private final String path;
  private final Map<String, String> pathParams;
  private final long maxBodyBytes;
  private final RouteDescription route;
  private final Handler handler;
  private Identity identity;
  private java.util.function.Supplier<String> callerAuthorization;
  private Decision decision = Decision.ALLOW;
  private String requestId;
  private byte[] body;
  private boolean streamTaken;

  Request(HttpRequest raw, String path, Map<String, String> pathParams, RouteDescription route, Handler handler) {
    this.raw = raw;
    this.path = path;
    this.pathParams = Map.copyOf(pathParams);
    this.maxBodyBytes = route.maxBodyBytes();
    this.route = route;
    this.handler = handler;
  }

  /** Who is calling, as the router's authentication established before the handler ran. */
  public Identity identity() {
    if (identity == null) {
      throw new IllegalStateException("no caller identity on " + path + ": the route is public");
    }
    return identity;
  }

  /** Who is calling; empty on public routes. */
  public Optional<Identity> identityIfAny() {
    return Optional.ofNullable(identity);
  }

  /** The route this request matched, with its declared access. */
  public RouteDescription route() {
    return route;
  }

  /**
   * The {@code Authorization} value that made the caller who they are: the forwarded one when a
   * service (API Gateway) called on someone's behalf, else the caller's own; for a plugin to call
   * another on the caller's behalf ({@code X-Forwarded-Authorization}). A person cannot have someone
   * else's token taken for theirs by sending it along as "forwarded".
   */
  public String callerAuthorization() {
    if (callerAuthorization == null) {
      throw new IllegalStateException("no caller credentials on " + path + ": the route is public");
    }
    return callerAuthorization.get();
  }

  void authenticated(Identity caller, java.util.function.Supplier<String> authorization) {
    this.callerAuthorization = authorization;
    authenticated(caller);
  }

  void authenticated(Identity caller) {
    this.identity = caller;
  }

  /**
   * The permission function's decision on the route's resource permission, for the handler to
   * apply (a CONDITIONAL read becomes part of the query); {@link Decision#ALLOW} when the
   * permission framework is off, the route names no resource permission, or a service calls.
   */
  public Decision decision() {
    return decision;
  }

  void decided(Decision decision) {
    this.decision = decision;
  }

  /** The request's id in audit events: its trace id when it carries one, else one made up for it. */
  public String requestId() {
    if (requestId == null) {
      requestId = AuditLog.requestId().orElseGet(() -> java.util.UUID.randomUUID().toString());
    }
    return requestId;
  }

  /**
   * Writes an audit event of this request by its caller: {@code eventId} on {@code resource},
   * with {@code outcome} and details in {@code meta} (Backstage's {@code actionType}, say).
   */
  public void audit(String eventId, String resource, AuditLog.Outcome outcome, Map<String, ?> meta) {
    AuditLog.record(eventId, identity, requestId(), resource, outcome, meta);
  }

  Handler handler() {
    return handler;
  }

  HttpRequest raw() {
    return raw;
  }

  public String method() {
    return raw.getMethod();
  }

  /** The path below the plugin's route prefix: {@code /entities} for {@code /api/catalog/entities}. */
  public String path() {
    return path;
  }

  /** Path and query below the prefix, as Backstage reports it in error bodies. */
  public String url() {
    return raw.getQuery().map(q -> path + "?" + q).orElse(path);
  }

  public String pathParam(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalArgumentException("route has no path parameter '" + name + "'");
    }
    return value;
  }

  public Optional<String> query(String name) {
    List<String> values = raw.getQueryParameters().get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every value of a repeated query parameter ({@code ?filter=a&filter=b}), in order. */
  public List<String> queryAll(String name) {
    List<String> values = raw.getQueryParameters().get(name);
    return values == null ? List.of() : List.copyOf(values);
  }

  public Map<String, List<String>> queryParameters() {
    return raw.getQueryParameters();
  }

  /** The first value of a header, matched without regard to case. */
  public Optional<String> header(String name) {
    for (Map.Entry<String, List<String>> header : raw.getHeaders().entrySet()) {
      if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
        return Optional.of(header.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  /** Every header as the client sent it, for a handler that passes headers on (the proxy). */
  public Map<String, List<String>> headers() {
    return raw.getHeaders();
  }

  /**
   * The body as it arrives, for a handler that passes it on without holding it (the proxy);
   * reading past the route's limit throws the 413. Use either this or {@link #body()}, once.
   */
  public InputStream bodyStream() throws IOException {
    if (streamTaken) {
      throw new IllegalStateException("the body of " + path + " was already read");
    }
    streamTaken = true;
    InputStream in = raw.getInputStream();
    return new LimitedBody(in, maxBodyBytes, () -> tooLarge(in));
  }

  /** The body, read once; more than the route's limit is a 413. */
  public byte[] body() throws IOException {
    if (body == null) {
      body = readLimited();
    }
    return body;
  }

  /** The body as a JSON tree; a body that is not JSON is a 400. */
  public JsonNode json() throws IOException {
    byte[] bytes = body();
    if (bytes.length == 0) {
      throw HttpError.inputError("Request body is empty, expected JSON");
    }
    try {
      return Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw HttpError.inputError("Request body is not valid JSON: " + e.getOriginalMessage());
    } catch (CharConversionException e) {
      // Leading zero bytes make Jackson decode UTF-32, whose errors are no JsonProcessingException.
      throw HttpError.inputError("Request body is not valid JSON: " + e.getMessage());
    }
  }

  /** The body bound to {@code type}; a body that does not fit is a 400. */
  public <T> T json(Class<T> type) throws IOException {
    JsonNode tree = json();
    try {
      return Json.MAPPER.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      throw HttpError.inputError("Request body is invalid: " + e.getOriginalMessage());
    }
  }

  /**
   * Reads and discards what the client is still sending when the body was never read (the
   * request was refused first, or the handler had no use for it), up to the route's limit or a
   * MiB: answering while a body is unread can reset the connection before the client reads the
   * answer.
   */
  void discardUnread() {
    if (streamTaken) {
      return;
    }
    streamTaken = true;
    try (InputStream in = raw.getInputStream()) {
      discard(in);
    } catch (IOException | RuntimeException ignored) {
      // The client went away or sent nothing; the answer is all that is left to try.
    }
  }

  private byte[] readLimited() throws IOException {
    long declared = raw.getContentLength();
    streamTaken = true;
    try (InputStream in = raw.getInputStream()) {
      if (declared > maxBodyBytes) {
        throw tooLarge(in);
      }
      return new LimitedBody(in, maxBodyBytes, () -> tooLarge(in)).readAllBytes();
    }
  }

  /** The 413, after discarding what the client is still sending (see {@link #discardUnread}). */
  private HttpError tooLarge(InputStream in) {
    try {
      discard(in);
    } catch (IOException ignored) {
      // The client went away; the error answer is all that is left to try.
    }
    return tooLarge();
  }

  /** Discards up to the route's limit or a MiB, whichever is more; larger bodies are left and the connection closes. */
  private void discard(InputStream in) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    long limit = Math.max(SWALLOW_BYTES, maxBodyBytes);
    for (long skipped = 0; skipped < limit; ) {
      int n = in.read(buffer);
      if (n < 0) {
        break;
      }
      skipped += n;
    }
  }

  HttpError tooLarge() {
    return new HttpError(413, "PayloadTooLargeError", "Request body is larger than the limit of " + maxBodyBytes + " bytes");
  }
}
