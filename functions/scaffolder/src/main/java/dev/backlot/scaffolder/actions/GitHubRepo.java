package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.integration.github.GitHubIntegration;
import dev.backlot.integration.github.GitHubNames;
import dev.backlot.integration.github.GitHubRefusal;
import dev.backlot.integration.github.GitHubRest;
import dev.backlot.platform.http.Json;
import dev.backlot.scaffolder.expression.Templating;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * The repository a GitHub action's {@code repoUrl} ({@code github.com?owner=…&repo=…}) names, with
 * the REST calls to it (shared {@link GitHubRest}): {@code integrations.github}'s credentials for
 * the owner, or the input's {@code token}. GitHub's refusal fails the step with GitHub's message.
 * Shared by publish:github, publish:github:pull-request and github:actions:dispatch.
 */
record GitHubRepo(String host, String owner, String repo, GitHubRest github) {
  static GitHubRepo of(ActionContext context, GitHubCredentials credentials) throws IOException {
    JsonNode parsed = Templating.evaluate("repoUrl | parseRepoUrl", Json.object().put("repoUrl", context.string("repoUrl", "")));
    String host = parsed.path("host").asText();
    String owner = parsed.path("owner").asText();
    String repo = parsed.path("repo").asText();
    if (!GitHubNames.isOwner(owner) || !GitHubNames.isRepository(repo)) {
      // parseRepoUrl decodes its query: a name is checked before it goes into an API path.
      throw new ActionException("repoUrl must name owner and repo with GitHub's name characters, not owner '" + owner + "' and repo '" + repo + "'");
    }
    GitHubIntegration integration = credentials.integration(host)
        .orElseThrow(() -> new ActionException("No matching integration configuration for host " + host + ", please check your integrations config"));
    String token = context.string("token", null);
    String authorization = token != null ? "Bearer " + token : credentials.authorizationFor(host, owner)
        .orElseThrow(() -> new ActionException("No token available for host: " + host + ", with owner " + owner));
    return new GitHubRepo(host, owner, repo, new GitHubRest(integration.apiBaseUrl(), Optional.of(authorization), "backlot-scaffolder"));
  }

  /** {@link GitHubRest#call}, GitHub's refusal failing the step with its message. */
  JsonNode call(String method, String path, Object body) throws IOException {
    try {
      return github.call(method, path, body);
    } catch (GitHubRefusal e) {
      throw new ActionException(e.getMessage());
    }
  }

  /** {@link GitHubRest#send}: the answer whatever its status. */
  HttpResponse<byte[]> send(String method, String path, Object body) throws IOException {
    return github.send(method, path, body);
  }

  /** {@code /repos/:owner/:repo}. */
  String path() {
    return "/repos/" + owner + "/" + repo;
  }

  /**
   * The files below {@code root} in the workspace as a Git tree (one blob each, under {@code prefix}
   * in the repository), on {@code baseTree} when not null; the new tree's sha.
   */
  String tree(ActionContext context, Path root, String prefix, String baseTree) throws IOException {
    ArrayNode tree = Json.MAPPER.createArrayNode();
    for (String file : context.workspace().files(root)) {
      byte[] content = Files.readAllBytes(context.workspace().inside(root, file));
      JsonNode blob = call("POST", path() + "/git/blobs",
          Json.object().put("content", Base64.getEncoder().encodeToString(content)).put("encoding", "base64"));
      tree.addObject().put("path", prefix + file).put("mode", Files.isExecutable(root.resolve(file)) ? "100755" : "100644").put("type", "blob")
          .put("sha", blob.path("sha").asText());
    }
    var body = Json.object();
    if (baseTree != null) {
      body.put("base_tree", baseTree);
    }
    return call("POST", path() + "/git/trees", body.set("tree", tree)).path("sha").asText();
  }
}
