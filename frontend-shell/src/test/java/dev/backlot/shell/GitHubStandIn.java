package dev.backlot.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's REST API as far as the scaffolder's {@code publish:github} and the catalog's file reads
 * use it, on loopback, with state: organisations are any owner, a created repository gets a
 * {@code main} branch, blobs, trees and commits pushed through the Git Data API are kept, and
 * {@code GET /repos/:owner/:repo/contents/:path?ref=} answers a pushed file raw. So the browser
 * journey's task really creates a repository and pushes its files, which the test then reads back.
 * Only the token it was made with is accepted.
 */
final class GitHubStandIn implements AutoCloseable {
  private static final Pattern REPO = Pattern.compile("/repos/([^/]+)/([^/]+)(/.*)?");

  private final HttpServer server;
  private final String token;
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> trees = new ConcurrentHashMap<>();
  private final Map<String, String> commitTrees = new ConcurrentHashMap<>();
  /** owner/repo → branch → commit. */
  private final Map<String, Map<String, String>> repositories = new ConcurrentHashMap<>();

  GitHubStandIn(String token) throws IOException {
    this.token = token;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        answer(exchange);
      } catch (RuntimeException e) {
        send(exchange, 500, "{\"message\":\"stand-in failure: " + e.getMessage().replace("\"", "'") + "\"}");
      }
    });
    server.start();
  }

  String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The files of a repository's branch as pushed, path → contents; empty when there is no such repository. */
  Map<String, String> files(String owner, String repo, String branch) {
    Map<String, String> files = new TreeMap<>();
    String commit = repositories.getOrDefault(owner + "/" + repo, Map.of()).get(branch);
    if (commit != null) {
      trees.getOrDefault(commitTrees.get(commit), Map.of()).forEach((path, sha) -> files.put(path, new String(blobs.get(sha), StandardCharsets.UTF_8)));
    }
    return files;
  }

  private void answer(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))
        && !("token " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      send(exchange, 401, "{\"message\":\"Bad credentials\"}");
      return;
    }
    JsonNode body = method.equals("GET") || method.equals("DELETE") ? null : Json.MAPPER.readTree(exchange.getRequestBody());
    if (method.equals("GET") && path.startsWith("/users/")) {
      send(exchange, 200, Json.object().put("login", path.substring(7)).put("type", "Organization").toString());
      return;
    }
    if (method.equals("POST") && path.matches("/orgs/[^/]+/repos")) {
      String owner = path.split("/")[2];
      String name = body.path("name").asText();
      if (repositories.putIfAbsent(owner + "/" + name, new ConcurrentHashMap<>(Map.of("main", commit(Map.of(), null, "initial")))) != null) {
        send(exchange, 422, "{\"message\":\"Repository creation failed.\",\"errors\":[{\"message\":\"name already exists on this account\"}]}");
        return;
      }
      send(exchange, 201, Json.object().put("name", name).put("full_name", owner + "/" + name).put("default_branch", "main")
          .put("html_url", "https://github.com/" + owner + "/" + name).toString());
      return;
    }
    Matcher repo = REPO.matcher(path);
    if (!repo.matches() || !repositories.containsKey(repo.group(1) + "/" + repo.group(2))) {
      send(exchange, 404, "{\"message\":\"Not Found\"}");
      return;
    }
    Map<String, String> branches = repositories.get(repo.group(1) + "/" + repo.group(2));
    String rest = repo.group(3) == null ? "" : repo.group(3);
    switch (method + " " + rest.replaceAll("^/git/refs?/heads/.*", "/git/ref/heads/*").replaceAll("^/contents/.*", "/contents/*")
        .replaceAll("^/branches/.*", "/branches/*")) {
      case "POST /git/blobs" -> {
        byte[] content = Base64.getDecoder().decode(body.path("content").asText());
        String sha = sha(content);
        blobs.put(sha, content);
        send(exchange, 201, Json.object().put("sha", sha).toString());
      }
      case "POST /git/trees" -> {
        Map<String, String> tree = new TreeMap<>();
        body.path("tree").forEach(entry -> tree.put(entry.path("path").asText(), entry.path("sha").asText()));
        String sha = sha(tree.toString().getBytes(StandardCharsets.UTF_8));
        trees.put(sha, tree);
        send(exchange, 201, Json.object().put("sha", sha).toString());
      }
      case "GET /git/ref/heads/*" -> {
        String commit = branches.get(rest.substring(rest.indexOf("/heads/") + 7));
        if (commit == null) {
          send(exchange, 404, "{\"message\":\"Not Found\"}");
        } else {
          ObjectNode ref = Json.object().put("ref", "refs/heads/main");
          ref.putObject("object").put("sha", commit).put("type", "commit");
          send(exchange, 200, ref.toString());
        }
      }
      case "POST /git/commits" -> send(exchange, 201, Json.object()
          .put("sha", commit(trees.getOrDefault(body.path("tree").asText(), Map.of()), body.path("tree").asText(), body.path("message").asText())).toString());
      case "PATCH /git/ref/heads/*", "POST /git/refs" -> {
        String branch = rest.startsWith("/git/refs/heads/") ? rest.substring(16) : body.path("ref").asText().replace("refs/heads/", "");
        branches.put(branch, body.path("sha").asText());
        send(exchange, method.equals("POST") ? 201 : 200, Json.object().put("ref", "refs/heads/" + branch).toString());
      }
      case "DELETE /git/ref/heads/*" -> {
        branches.remove(rest.substring(16));
        send(exchange, 204, "");
      }
      case "PUT /topics", "PATCH ", "PUT /branches/*" -> send(exchange, 200, body == null ? "{}" : body.toString());
      case "GET /contents/*" -> {
        String file = URLDecoder.decode(rest.substring("/contents/".length()), StandardCharsets.UTF_8);
        String ref = queryParameter(exchange, "ref", "main");
        String commit = branches.get(ref);
        String sha = commit == null ? null : trees.getOrDefault(commitTrees.get(commit), Map.of()).get(file);
        if (sha == null) {
          send(exchange, 404, "{\"message\":\"Not Found\"}");
        } else {
          exchange.getResponseHeaders().set("Content-Type", "application/vnd.github.raw");
          exchange.sendResponseHeaders(200, blobs.get(sha).length);
          exchange.getResponseBody().write(blobs.get(sha));
        }
      }
      default -> send(exchange, 404, "{\"message\":\"Not Found\"}");
    }
  }

  private String commit(Map<String, String> tree, String treeSha, String message) {
    String sha = sha((message + tree + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
    String tsha = treeSha != null ? treeSha : sha("empty".getBytes(StandardCharsets.UTF_8));
    trees.putIfAbsent(tsha, tree);
    commitTrees.put(sha, tsha);
    return sha;
  }

  private static String queryParameter(HttpExchange exchange, String name, String fallback) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith(name + "=")) {
          return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
        }
      }
    }
    return fallback;
  }

  private static String sha(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
    if (status != 204) {
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
