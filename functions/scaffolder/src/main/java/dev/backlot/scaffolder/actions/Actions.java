package dev.backlot.scaffolder.actions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.integration.github.GitHubCredentials;
import dev.backlot.platform.auth.ServiceTokens;
import dev.backlot.platform.discovery.Discovery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The actions templates may use, by id: the built-in ones and any a deployment adds. */
public final class Actions {
  private final Map<String, Action> byId = new LinkedHashMap<>();

  public Actions(Collection<Action> actions) {
    for (Action action : actions) {
      if (byId.putIfAbsent(action.id(), action) != null) {
        throw new IllegalArgumentException("two actions have the id " + action.id());
      }
    }
  }

  /**
   * The built-in actions, catalog ones calling {@code catalog}, GitHub ones with {@code github},
   * http:backstage:request finding plugins through {@code discovery} with {@code tokens}, plus {@code extra}.
   */
  public static Actions builtIn(CatalogClient catalog, GitHubCredentials github, Discovery discovery, ServiceTokens tokens, List<Action> extra) {
    List<Action> all = new ArrayList<>(List.of(new FetchTemplate(), new FetchPlain(), new FetchPlainFile(), new FsRename(), new FsDelete(),
        new DebugLog(), new CatalogWrite(), new CatalogRegister(catalog), new CatalogFetch(catalog), new PublishGitHub(github),
        new FetchTemplateFile(), new PublishGitHubPullRequest(github), new GitHubActionsDispatch(github),
        new HttpBackstageRequest(discovery, tokens)));
    all.addAll(extra);
    return new Actions(all);
  }

  public Optional<Action> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** {@code GET /v2/actions}: each action's id, description and input/output schemas. */
  public ArrayNode describe() {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (Action action : byId.values()) {
      ObjectNode item = list.addObject();
      item.put("id", action.id());
      item.put("description", action.description());
      item.putArray("examples");
      item.putObject("schema").<ObjectNode>set("input", action.inputSchema()).set("output", action.outputSchema());
    }
    return list;
  }
}
