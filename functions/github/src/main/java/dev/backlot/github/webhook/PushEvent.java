package dev.backlot.github.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@code push} event says about catalog files: the repository's web URL, the branch
 * pushed to and every path its commits added, modified or removed. Tag pushes and branch
 * deletions carry no catalog change.
 */
public record PushEvent(String repositoryUrl, String branch, Set<String> changedPaths) {
  private static final String BRANCHES = "refs/heads/";

  public static Optional<PushEvent> of(JsonNode payload) {
    String ref = payload.path("ref").asText("");
    String repositoryUrl = payload.path("repository").path("html_url").asText("");
    if (!ref.startsWith(BRANCHES) || repositoryUrl.isEmpty() || payload.path("deleted").asBoolean(false)) {
      return Optional.empty();
    }
    Set<String> paths = new LinkedHashSet<>();
    for (JsonNode commit : payload.path("commits")) {
      addPaths(commit, paths);
    }
    // head_commit repeats the last commit; it is the only one when commits was left out.
    addPaths(payload.path("head_commit"), paths);
    return Optional.of(new PushEvent(repositoryUrl, ref.substring(BRANCHES.length()), paths));
  }

  private static void addPaths(JsonNode commit, Set<String> paths) {
    for (String change : List.of("added", "modified", "removed")) {
      commit.path(change).forEach(path -> paths.add(path.asText()));
    }
  }

  /** The blob URLs of the changed files that {@code catalogFiles} names, as url locations name them. */
  public List<String> catalogFileUrls(CatalogFiles catalogFiles) {
    return changedPaths.stream()
        .filter(catalogFiles::matches)
        .map(path -> repositoryUrl + "/blob/" + branch + "/" + path)
        .toList();
  }
}
