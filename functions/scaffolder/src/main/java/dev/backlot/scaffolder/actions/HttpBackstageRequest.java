package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.auth.OnBehalfOf;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.discovery.Discovery;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.SharedHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code http:backstage:request} (Roadie's action, which Backstage templates use): a call to a
 * Backlot plugin, {@code path} {@code /api/<pluginId>/…}, found through discovery and made with
 * the task's credentials: the scaffolder's service token for that plugin, naming the task's
 * initiator ({@link OnBehalfOf}) so the plugin decides as for them. Only {@code /api/<pluginId>}
 * paths: no other host, no {@code ..}; headers may not set credentials or the on-behalf-of
 * headers. Output {@code code}, {@code headers}, {@code body} (JSON when it parses, else text).
 * Not run in a dry run.
 */
final class HttpBackstageRequest extends DescribedAction {
  /** The answer's body is read up to this size; a larger one fails the step. */
  static final int MAX_RESPONSE_BYTES = 1024 * 1024;
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern PATH = Pattern.compile("/api/([a-z0-9][a-z0-9-]{0,62})(/[^?#]*)?");
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "x-forwarded-authorization", "host", "content-length",
      "connection", "expect", "upgrade", OnBehalfOf.HEADER.toLowerCase(Locale.ROOT), OnBehalfOf.OWNERSHIP_HEADER.toLowerCase(Locale.ROOT),
      "x-backlot-decide-for", "x-backlot-decide-for-ownership");
  private static final ObjectNode INPUT = Schemas.of("""
      {"type": "object", "required": ["path"], "properties": {
        "method": {"type": "string", "title": "Method", "description": "The method type of the request", "enum": ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]},
        "path": {"type": "string", "title": "Request path", "description": "The url path you want to query, /api/<pluginId>/..."},
        "headers": {"type": "object", "title": "Request headers", "description": "The headers you would like to pass to your request", "additionalProperties": {"type": "string"}},
        "params": {"type": "object", "title": "Request query params", "description": "The query parameters you would like to pass to your request"},
        "body": {"title": "Request body", "description": "The body you would like to pass to your request"},
        "logRequestPath": {"type": "boolean", "title": "Request path logging", "description": "Option to turn request path logging off"},
        "continueOnBadResponse": {"type": "boolean", "title": "Continue on bad response", "description": "Whether the step continues when the answer is not 2xx"}
      }}""");
  private static final ObjectNode OUTPUT = Schemas.of("""
      {"type": "object", "properties": {
        "code": {"type": "string", "title": "Response Code", "examples": ["200"]},
        "headers": {"type": "object", "title": "Response Headers"},
        "body": {"title": "Response Body"}
      }}""");

  private final Discovery discovery;
  private final ServiceTokens tokens;

  HttpBackstageRequest(Discovery discovery, ServiceTokens tokens) {
    super("http:backstage:request", "Sends a HTTP request to the Backstage API. It uses the token of the user who triggers the task to authenticate requests.",
        INPUT, OUTPUT);
    this.discovery = discovery;
    this.tokens = tokens;
  }

  @Override
  public boolean supportsDryRun() {
    return false;
  }

  @Override
  public void run(ActionContext context) throws IOException {
    String path = context.string("path", "");
    Matcher matcher = PATH.matcher(path);
    if (!matcher.matches() || path.contains("//") || path.contains("\\") || java.util.List.of(path.split("/")).contains("..")
        || java.util.List.of(path.split("/")).contains(".") || path.contains("%")) {
      throw new ActionException("http:backstage:request path must be /api/<pluginId>/… without '..', '.', '//', '\\\\' or '%', not '" + path + "'");
    }
    String method = context.string("method", "GET").toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new ActionException("http:backstage:request method must be one of " + METHODS + ", not '" + method + "'");
    }
    String pluginId = matcher.group(1);
    String url = discovery.getBaseUrl(pluginId) + (matcher.group(2) == null ? "" : matcher.group(2)) + query(context.input().path("params"));
    if (context.input().path("logRequestPath").asBoolean(true)) {
      context.log("Sending " + method + " " + path + " to plugin " + pluginId);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
    for (Map.Entry<String, JsonNode> header : context.input().path("headers").properties()) {
      if (RESERVED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        throw new ActionException("http:backstage:request may not set the header " + header.getKey() + ": the task's own credentials are sent");
      }
      try {
        request.header(header.getKey(), header.getValue().asText());
      } catch (IllegalArgumentException e) {
        throw new ActionException("http:backstage:request cannot send the header " + header.getKey() + ": " + e.getMessage());
      }
    }
    // Only for a person: a task a static token or a service started would otherwise call the plugin
    // as the scaffolder itself, with rights its initiator may not have.
    Identity person = context.initiator().orElseThrow(() -> new ActionException(
        "http:backstage:request calls plugins on behalf of the person who started the task; this task was started by " + context.initiatorRef()));
    request.header("Authorization", tokens.authorizationFor(pluginId));
    request.header(OnBehalfOf.HEADER, person.subject()).header(OnBehalfOf.OWNERSHIP_HEADER, OnBehalfOf.ownershipHeader(person));
    JsonNode body = context.input().get("body");
    if (body == null || body.isNull()) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      boolean text = body.isTextual();
      if (!context.input().path("headers").has("Content-Type") && !context.input().path("headers").has("content-type")) {
        request.header("Content-Type", text ? "text/plain" : "application/json");
      }
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(text ? body.textValue().getBytes(StandardCharsets.UTF_8) : Json.bytes(body)));
    }
    HttpResponse<InputStream> response;
    try {
      response = SharedHttpClient.get().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + pluginId, e);
    }
    byte[] content;
    try (InputStream in = response.body()) {
      content = in.readNBytes(MAX_RESPONSE_BYTES + 1);
    }
    if (content.length > MAX_RESPONSE_BYTES) {
      throw new ActionException("The answer of " + method + " " + path + " is larger than " + MAX_RESPONSE_BYTES + " bytes");
    }
    int status = response.statusCode();
    context.log("Plugin " + pluginId + " answered " + status);
    if (status / 100 != 2 && !context.input().path("continueOnBadResponse").asBoolean(false)) {
      throw new ActionException("There was an issue with your request: " + method + " " + path + " answered " + status + ": "
          + new String(content, 0, Math.min(content.length, 1000), StandardCharsets.UTF_8));
    }
    ObjectNode headers = Json.object();
    response.headers().map().forEach((name, values) -> headers.put(name, String.join(", ", values)));
    context.output("code", String.valueOf(status));
    context.output("headers", headers);
    context.output("body", parsed(content));
  }

  private static JsonNode parsed(byte[] content) {
    try {
      return content.length == 0 ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(content);
    } catch (IOException e) {
      return Json.MAPPER.getNodeFactory().textNode(new String(content, StandardCharsets.UTF_8));
    }
  }

  private static String query(JsonNode params) {
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, JsonNode> param : params.properties()) {
      for (JsonNode value : param.getValue().isArray() ? param.getValue() : java.util.List.of(param.getValue())) {
        query.append(query.isEmpty() ? '?' : '&').append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8)).append('=')
            .append(URLEncoder.encode(value.asText(), StandardCharsets.UTF_8));
      }
    }
    return query.toString();
  }
}
