package dev.backlot.techdocs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.backlot.platform.http.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One repository's Git data on a WireMock GitHub, in the shapes of GitHub's REST API
 * ({@code GET /repos/{owner}/{repo}/git/trees/{sha}} with and without {@code recursive}, {@code GET
 * /repos/{owner}/{repo}/git/blobs/{sha}} in the raw media type, {@code GET /branches/{branch}}):
 * files by path, blob SHAs as Git computes them, tree SHAs derived from their entries so that a
 * change below a folder changes its SHA, as in Git.
 */
final class GitHubRepository {
  private final WireMockServer github;
  private final String owner;
  private final String repo;

  GitHubRepository(WireMockServer github, String owner, String repo) {
    this.github = github;
    this.owner = owner;
    this.repo = repo;
  }

  /** Serves {@code files} (path → bytes) as the tree of branch {@code branch}. */
  void publish(String branch, Map<String, byte[]> files) {
    github.stubFor(get(urlEqualTo(base() + "/branches/" + branch)).willReturn(json(200, Json.object().put("name", branch))));
    String root = tree(files, "");
    github.stubFor(get(urlEqualTo(base() + "/git/trees/" + branch)).willReturn(json(200, listing(root, files, "", false))));
  }

  /** Stubs the folder {@code prefix} (ending in / unless the root) and everything below it; its SHA. */
  private String tree(Map<String, byte[]> files, String prefix) {
    Map<String, String> children = new TreeMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      if (!file.getKey().startsWith(prefix)) {
        continue;
      }
      String rest = file.getKey().substring(prefix.length());
      int slash = rest.indexOf('/');
      if (slash < 0) {
        String sha = blobSha(file.getValue());
        children.put(rest, "blob " + sha);
        github.stubFor(get(urlEqualTo(base() + "/git/blobs/" + sha)).withHeader("Accept", equalTo("application/vnd.github.raw+json"))
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/vnd.github.raw+json")
                .withHeader("X-RateLimit-Remaining", "4999").withBody(file.getValue())));
      } else {
        children.putIfAbsent(rest.substring(0, slash), "tree " + tree(files, prefix + rest.substring(0, slash) + "/"));
      }
    }
    String sha = sha1(String.join("\n", children.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()).getBytes(StandardCharsets.UTF_8));
    github.stubFor(get(urlEqualTo(base() + "/git/trees/" + sha)).willReturn(json(200, listing(sha, files, prefix, false))));
    github.stubFor(get(urlEqualTo(base() + "/git/trees/" + sha + "?recursive=1")).willReturn(json(200, listing(sha, files, prefix, true))));
    return sha;
  }

  /** A tree's answer: its direct entries, or (recursive) every file and folder below it with paths relative to it. */
  private ObjectNode listing(String sha, Map<String, byte[]> files, String prefix, boolean recursive) {
    ObjectNode answer = Json.object().put("sha", sha).put("url", "https://api.github.com" + base() + "/git/trees/" + sha);
    ArrayNode tree = answer.putArray("tree");
    Map<String, ObjectNode> entries = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
      if (!file.getKey().startsWith(prefix)) {
        continue;
      }
      String rest = file.getKey().substring(prefix.length());
      String[] segments = rest.split("/");
      for (int i = 0; i < segments.length; i++) {
        if (!recursive && i > 0) {
          break;
        }
        String path = String.join("/", java.util.Arrays.copyOfRange(segments, 0, i + 1));
        boolean isFile = i == segments.length - 1;
        String childSha = isFile ? blobSha(file.getValue()) : treeSha(files, prefix + path + "/");
        entries.computeIfAbsent(path, p -> {
          ObjectNode entry = Json.object().put("path", p).put("mode", isFile ? "100644" : "040000").put("type", isFile ? "blob" : "tree")
              .put("sha", childSha);
          if (isFile) {
            entry.put("size", file.getValue().length);
          }
          return entry.put("url", "https://api.github.com" + base() + "/git/" + (isFile ? "blobs/" : "trees/") + childSha);
        });
      }
    }
    entries.values().forEach(tree::add);
    answer.put("truncated", false);
    return answer;
  }

  /** The SHA of folder {@code prefix} (ending in /) among {@code files}, as {@link #publish} serves it. */
  String treeSha(Map<String, byte[]> files, String prefix) {
    Map<String, String> children = new TreeMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      if (file.getKey().startsWith(prefix)) {
        String rest = file.getKey().substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
          children.put(rest, "blob " + blobSha(file.getValue()));
        } else {
          children.putIfAbsent(rest.substring(0, slash), "tree " + treeSha(files, prefix + rest.substring(0, slash) + "/"));
        }
      }
    }
    return sha1(String.join("\n", children.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()).getBytes(StandardCharsets.UTF_8));
  }

  String base() {
    return "/repos/" + owner + "/" + repo;
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, Object body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
        .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "4999").withBody(Json.bytes(body));
  }

  /** Git's blob id: SHA-1 of {@code blob <size>\0} and the bytes. */
  static String blobSha(byte[] content) {
    byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[header.length + content.length];
    System.arraycopy(header, 0, all, 0, header.length);
    System.arraycopy(content, 0, all, header.length, content.length);
    return sha1(all);
  }

  private static String sha1(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
