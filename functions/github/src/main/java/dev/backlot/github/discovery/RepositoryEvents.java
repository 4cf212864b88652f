package dev.backlot.github.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.github.api.GitHubClients;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub's {@code repository} webhook events, applied to discovery at once instead of at the
 * next scheduled run: a repository that appears (created, unarchived, transferred in, made
 * public) is discovered; one that goes (deleted, archived) has the locations discovery registered
 * for it unregistered; a rename does both. Repositories no {@code github.discovery} entry covers
 * are ignored, and so are the other actions.
 */
public final class RepositoryEvents {
  private final OrgDiscovery discovery;
  private final OrgRepositories repositories;

  RepositoryEvents(OrgDiscovery discovery, OrgRepositories repositories) {
    this.discovery = discovery;
    this.repositories = repositories;
  }

  public static RepositoryEvents fromConfig(Config config, CatalogClient catalog, GitHubClients github) {
    OrgRepositories repositories = new OrgRepositories(github);
    return new RepositoryEvents(new OrgDiscovery(DiscoveryTarget.fromConfig(config, github), repositories, catalog), repositories);
  }

  public Map<String, Object> apply(JsonNode payload) throws IOException {
    String action = payload.path("action").asText("");
    JsonNode repository = payload.path("repository");
    String host = host(repository.path("html_url").asText(""));
    String owner = repository.path("owner").path("login").asText("");
    String name = repository.path("name").asText("");
    OrgDiscovery.Outcome outcome = OrgDiscovery.Outcome.none();
    boolean covered = switch (action) {
      case "created", "unarchived", "publicized" -> discover(host, owner, name, payload, outcome);
      case "transferred" -> forget(host, previousOwner(payload).orElse(""), name, outcome)
          | discover(host, owner, name, payload, outcome);
      case "deleted", "archived" -> forget(host, owner, name, outcome);
      // Topics are edited like a description: a repository that now passes the filters is
      // discovered, one that no longer does is forgotten.
      case "edited" -> payload.at("/changes/topics").isMissingNode() ? false
          : discover(host, owner, name, payload, outcome) | forgetFilteredOut(host, owner, name, payload, outcome);
      case "renamed" -> forget(host, owner, payload.at("/changes/repository/name/from").asText(""), outcome)
          | discover(host, owner, name, payload, outcome);
      default -> false;
    };
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("action", action);
    if (!covered) {
      answer.put("ignored", true);
      return answer;
    }
    answer.putAll(Json.MAPPER.convertValue(outcome, Map.class));
    answer.remove("errors");
    return answer;
  }

  private boolean discover(String host, String owner, String name, JsonNode payload, OrgDiscovery.Outcome outcome)
      throws IOException {
    Optional<DiscoveryTarget> target = discovery.targetFor(host, owner, name);
    if (target.isPresent()) {
      OrgRepositories.Repository repository = repositories.fromEvent(target.get(), payload);
      if (target.get().wantsTopics(repository.topics())) {
        // A new repository's size is often still 0 in the event; whether it holds the file is asked instead.
        discovery.discover(target.get(), repository, outcome);
      }
    }
    return target.isPresent();
  }

  private boolean forgetFilteredOut(String host, String owner, String name, JsonNode payload, OrgDiscovery.Outcome outcome)
      throws IOException {
    Optional<DiscoveryTarget> target = discovery.targetFor(host, owner, name);
    if (target.isPresent() && !target.get().wantsTopics(repositories.fromEvent(target.get(), payload).topics())) {
      discovery.forget(target.get(), name, outcome);
    }
    return target.isPresent();
  }

  private boolean forget(String host, String owner, String name, OrgDiscovery.Outcome outcome) throws IOException {
    Optional<DiscoveryTarget> target = discovery.targetFor(host, owner, name);
    if (target.isPresent()) {
      discovery.forget(target.get(), name, outcome);
    }
    return target.isPresent();
  }

  /** A transfer's previous owner: {@code changes.owner.from.organization} or {@code .user}. */
  private static Optional<String> previousOwner(JsonNode payload) {
    JsonNode from = payload.at("/changes/owner/from");
    String login = from.path("organization").path("login").asText(from.path("user").path("login").asText(""));
    return login.isEmpty() ? Optional.empty() : Optional.of(login);
  }

  private static String host(String htmlUrl) {
    try {
      URI uri = URI.create(htmlUrl);
      return uri.getHost() == null ? "" : (uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort()).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
