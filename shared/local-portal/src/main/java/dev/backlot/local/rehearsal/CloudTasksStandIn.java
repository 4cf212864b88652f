package dev.backlot.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google Cloud Tasks as the rehearsal stands in for it ({@code cloudtasks.googleapis.com}): the REST
 * call that creates an HTTP task ({@code POST /v2/projects/<p>/locations/<l>/queues/<q>/tasks}),
 * for the queues Terraform creates and with the grants it makes. As in GCP, the caller is whoever
 * its OAuth access token (from its metadata server) belongs to; it must be the queue's enqueuer
 * (roles/cloudtasks.enqueuer) and may name in the task's OIDC token only the account Terraform lets
 * it act as (roles/iam.serviceAccountUser). Then, as Cloud Tasks does, it answers with the task and
 * dispatches it on its own: a request to the task's URL, from Google's side of the network, with an
 * ID token of that account for the task's audience (the URL when none is given), signed as the
 * metadata servers sign them. Each dispatch happens once: Cloud Tasks' retries are not rehearsed.
 */
final class CloudTasksStandIn implements AutoCloseable {
  static final String HOST = "cloudtasks.googleapis.com";
  /** Cloud Tasks' own limit on a task's size. */
  static final int MAX_TASK_BYTES = 1024 * 1024;
  private static final Pattern CREATE = Pattern.compile("/v2/(projects/[^/]+/locations/[^/]+/queues/([^/]+))/tasks");

  /** One dispatch: the task, where it went and what the worker answered (-1: no answer, with why). */
  record Dispatch(String task, String url, int status, String answer) {}

  /** A queue Terraform creates: its full name, who may create its tasks and which account they may name. */
  record Queue(String name, String enqueuer, String actAs) {}

  private final Map<String, Queue> queues;
  private final GoogleAccounts accounts;
  private final HttpClient fromGoogle;
  private final Duration deadline;
  private final HttpServer server;
  private final List<Dispatch> dispatches = new CopyOnWriteArrayList<>();

  /**
   * @param queues Terraform's queues by full name
   * @param fromGoogle how Google's side of the network reaches the run.app URLs
   * @param deadline how long a dispatch waits for the worker's answer
   */
  CloudTasksStandIn(Map<String, Queue> queues, GoogleAccounts accounts, HttpClient fromGoogle, Duration deadline) throws IOException {
    this.queues = Map.copyOf(queues);
    this.accounts = accounts;
    this.fromGoogle = fromGoogle;
    this.deadline = deadline;
    this.server = LoopbackHttp.serve(this::handle);
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The dispatches so far, in the order they were answered. */
  List<Dispatch> dispatches() {
    return List.copyOf(dispatches);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher create = CREATE.matcher(exchange.getRequestURI().getPath());
      if (!exchange.getRequestMethod().equals("POST") || !create.matches()) {
        error(exchange, 404, "NOT_FOUND", "The stand-in of Cloud Tasks answers only tasks.create: POST /v2/<queue>/tasks.");
        return;
      }
      String authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
      Optional<String> caller = authorization.startsWith("Bearer ") ? accounts.ownerOf(authorization.substring(7)) : Optional.empty();
      if (caller.isEmpty()) {
        error(exchange, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
        return;
      }
      String queueName = create.group(1);
      Queue queue = queues.get(queueName);
      if (queue == null || !queue.enqueuer().equals(caller.get())) {
        // Google answers the same for a queue that does not exist and one the caller may not use.
        error(exchange, 403, "PERMISSION_DENIED", "The principal (user or service account) lacks IAM permission \"cloudtasks.tasks.create\""
            + " for the resource \"" + queueName + "\" (or the resource may not exist). Caller: " + caller.get());
        return;
      }
      JsonNode body = readBody(exchange);
      if (body == null) {
        error(exchange, 400, "INVALID_ARGUMENT", "The request body must be a JSON object of at most " + MAX_TASK_BYTES + " bytes.");
        return;
      }
      JsonNode http = body.path("task").path("httpRequest");
      String url = http.path("url").asText("");
      URI target = parse(url);
      if (target == null) {
        error(exchange, 400, "INVALID_ARGUMENT", "HttpRequest.url must be an absolute http(s) URL, not: " + url);
        return;
      }
      JsonNode oidc = http.path("oidcToken");
      String account = oidc.path("serviceAccountEmail").asText("");
      if (!oidc.isObject() || account.isEmpty()) {
        error(exchange, 400, "INVALID_ARGUMENT", "The rehearsal's tasks carry an oidcToken with a serviceAccountEmail (the worker verifies it).");
        return;
      }
      if (!account.equals(queue.actAs())) {
        error(exchange, 403, "PERMISSION_DENIED", "The principal (user or service account) lacks IAM permission \"iam.serviceAccounts.actAs\""
            + " for the resource \"" + account + "\". Caller: " + caller.get());
        return;
      }
      String audience = oidc.path("audience").asText(url);
      String method = http.path("httpMethod").asText("POST");
      String task = queueName + "/tasks/" + UUID.randomUUID().toString().replace("-", "");
      ObjectNode created = Json.object();
      created.put("name", task).put("createTime", Instant.now().toString()).put("scheduleTime", Instant.now().toString())
          .put("dispatchDeadline", "600s").put("dispatchCount", 0).put("responseCount", 0).put("view", "BASIC");
      created.set("httpRequest", http);
      respond(exchange, 200, Json.bytes(created));
      Thread.ofVirtual().name("cloud-task-" + create.group(2)).start(() -> dispatch(task, create.group(2), method, target, account, audience));
    }
  }

  private void dispatch(String task, String queueId, String method, URI target, String account, String audience) {
    HttpRequest request = HttpRequest.newBuilder(target).timeout(deadline)
        .header("Authorization", "Bearer " + accounts.idToken(account, audience))
        .header("User-Agent", "Google-Cloud-Tasks")
        .header("X-CloudTasks-QueueName", queueId)
        .header("X-CloudTasks-TaskName", task.substring(task.lastIndexOf('/') + 1))
        .header("X-CloudTasks-TaskRetryCount", "0")
        .header("X-CloudTasks-TaskExecutionCount", "0")
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    try {
      HttpResponse<String> answer = fromGoogle.send(request, HttpResponse.BodyHandlers.ofString());
      dispatches.add(new Dispatch(task, target.toString(), answer.statusCode(), answer.body()));
    } catch (IOException e) {
      dispatches.add(new Dispatch(task, target.toString(), -1, e.getClass().getSimpleName() + ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static URI parse(String url) {
    try {
      URI uri = URI.create(url);
      boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      return web && uri.getHost() != null ? uri : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The body as a JSON object, or null when it is larger than a task may be or not an object. */
  private static JsonNode readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_TASK_BYTES + 1);
      if (bytes.length > MAX_TASK_BYTES) {
        return null;
      }
      JsonNode body = Json.MAPPER.readTree(bytes);
      return body != null && body.isObject() ? body : null;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      return null;
    }
  }

  /** Google's error shape: {@code {"error": {code, message, status}}}. */
  private static void error(HttpExchange exchange, int code, String status, String message) throws IOException {
    ObjectNode body = Json.object();
    body.putObject("error").put("code", code).put("message", message).put("status", status);
    respond(exchange, code, Json.bytes(body));
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
