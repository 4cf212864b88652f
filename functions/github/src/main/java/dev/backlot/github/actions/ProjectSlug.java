package dev.backlot.github.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.integration.github.GitHubNames;
import dev.backlot.platform.http.HttpError;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The repository an entity names in its {@code github.com/project-slug} annotation, and the GitHub
 * host it is on: the host of its {@code backstage.io/source-location} (else {@code
 * managed-by-location}) when {@code integrations.github} lists that host, else github.com, as
 * Backstage's GitHub Actions plugin picks it. Owner and repository are checked against GitHub's
 * own name rules before they go into a URL, so an annotation can never steer a request to another
 * API path ({@code ../}, {@code %2F}, {@code ?}, {@code #}).
 */
public record ProjectSlug(String host, String owner, String repo) {
  public static final String ANNOTATION = "github.com/project-slug";
  static final String DEFAULT_HOST = "github.com";

  /** The slug of {@code entity}; a 400 naming the entity when it has none or one that is not {@code owner/repo}. */
  public static ProjectSlug of(JsonNode entity, String entityRef, Predicate<String> knownHost) {
    JsonNode annotations = entity.path("metadata").path("annotations");
    String slug = annotations.path(ANNOTATION).asText("").trim();
    if (slug.isEmpty()) {
      throw HttpError.inputError(entityRef + " has no " + ANNOTATION + " annotation");
    }
    int slash = slug.indexOf('/');
    String owner = slash < 0 ? "" : slug.substring(0, slash);
    String repo = slash < 0 ? "" : slug.substring(slash + 1);
    if (!GitHubNames.isOwner(owner) || !GitHubNames.isRepository(repo)) {
      throw HttpError.inputError("The " + ANNOTATION + " of " + entityRef + " is not owner/repository with GitHub's name characters");
    }
    String host = hostOf(annotations.path("backstage.io/source-location").asText(""))
        .or(() -> hostOf(annotations.path("backstage.io/managed-by-location").asText("")))
        .filter(knownHost)
        .orElse(DEFAULT_HOST);
    return new ProjectSlug(host, owner, repo);
  }

  /** The host of a {@code url:https://host/…} location, lower case. */
  private static Optional<String> hostOf(String location) {
    if (!location.startsWith("url:")) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(URI.create(location.substring(4)).getHost()).map(host -> host.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code /repos/owner/repo}: both parts matched GitHub's name rules, so they need no escaping. */
  String apiPath() {
    return "/repos/" + owner + "/" + repo;
  }

  /** The cache key part: GitHub's names are case-insensitive. */
  String key() {
    return (host + "/" + owner + "/" + repo).toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return owner + "/" + repo;
  }
}
