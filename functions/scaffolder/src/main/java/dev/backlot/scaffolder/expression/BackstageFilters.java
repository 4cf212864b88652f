package dev.backlot.scaffolder.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Backstage's scaffolder filters, as plugins/scaffolder-backend's built-in filters define them. */
final class BackstageFilters {
  private BackstageFilters() {}

  /**
   * {@code github.com?owner=o&repo=r} to {@code {host, owner, repo}} (and organization, workspace,
   * project when given), as the RepoUrlPicker writes it.
   */
  static JsonNode parseRepoUrl(String repoUrl) {
    int question = repoUrl.indexOf('?');
    String host = question < 0 ? repoUrl : repoUrl.substring(0, question);
    if (host.isBlank() || host.contains("/") || host.contains(":")) {
      throw new ExpressionException("Invalid repo URL passed to publisher: " + repoUrl + ", missing or invalid host");
    }
    Map<String, String> query = new LinkedHashMap<>();
    if (question >= 0) {
      for (String pair : repoUrl.substring(question + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    String repo = query.get("repo");
    if (repo == null || repo.isEmpty()) {
      throw new ExpressionException("Invalid repo URL passed to publisher: " + repoUrl + ", missing repo");
    }
    ObjectNode parsed = JsonNodeFactory.instance.objectNode();
    parsed.put("host", host);
    for (String key : new String[] {"owner", "organization", "workspace", "project"}) {
      if (query.get(key) != null) {
        parsed.put(key, query.get(key));
      }
    }
    parsed.put("repo", repo);
    if (host.equals("github.com") && !parsed.has("owner")) {
      throw new ExpressionException("Invalid repo URL passed to publisher: " + repoUrl + ", missing owner");
    }
    return parsed;
  }

  /** {@code kind:namespace/name} to {@code {kind, namespace, name}}, with {@code {defaultKind, defaultNamespace}}. */
  static JsonNode parseEntityRef(String ref, JsonNode defaults) {
    String defaultKind = defaults.isObject() && defaults.hasNonNull("defaultKind") ? Values.text(defaults.get("defaultKind")) : null;
    String defaultNamespace = defaults.isObject() && defaults.hasNonNull("defaultNamespace") ? Values.text(defaults.get("defaultNamespace")) : "default";
    String rest = ref;
    String kind = defaultKind;
    int colon = rest.indexOf(':');
    if (colon >= 0) {
      kind = rest.substring(0, colon);
      rest = rest.substring(colon + 1);
    }
    String namespace = defaultNamespace;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      namespace = rest.substring(0, slash);
      rest = rest.substring(slash + 1);
    }
    if (kind == null || kind.isEmpty() || namespace.isEmpty() || rest.isEmpty() || rest.contains("/") || rest.contains(":")) {
      throw new ExpressionException("Entity reference \"" + ref + "\" was not on the form [<kind>:][<namespace>/]<name>");
    }
    ObjectNode parsed = JsonNodeFactory.instance.objectNode();
    parsed.put("kind", kind).put("namespace", namespace).put("name", rest);
    return parsed;
  }

  /** lodash's get: a dotted path into an object. */
  static JsonNode pick(JsonNode object, String path) {
    JsonNode at = object;
    for (String key : path.split("\\.")) {
      at = Evaluator.lookup(at, TextNode.valueOf(key));
    }
    return at;
  }

  /** {@code owner/repo} of a repo URL. */
  static JsonNode projectSlug(String repoUrl) {
    JsonNode parsed = parseRepoUrl(repoUrl);
    String owner = parsed.has("owner") ? parsed.get("owner").textValue()
        : parsed.has("organization") ? parsed.get("organization").textValue()
        : parsed.has("workspace") ? parsed.get("workspace").textValue() : "";
    return TextNode.valueOf(owner + "/" + parsed.get("repo").textValue());
  }
}
