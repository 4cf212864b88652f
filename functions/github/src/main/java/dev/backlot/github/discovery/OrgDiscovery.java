package dev.backlot.github.discovery;

import dev.backlot.github.catalog.CatalogLocations;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers a url location in the catalog for the catalog file of every live repository of the
 * configured organisations. Archived and empty repositories are skipped, and so are those without
 * the file on the branch. Registering what is registered already changes nothing, so a run is
 * idempotent; an organisation that cannot be listed is reported and the others still run.
 */
final class OrgDiscovery {
  record Outcome(List<String> registered, List<String> alreadyRegistered, List<String> archived, List<String> empty,
      List<String> withoutCatalogFile, List<String> errors) {}

  private final List<DiscoveryTarget> targets;
  private final OrgRepositories github;
  private final CatalogLocations catalog;

  OrgDiscovery(List<DiscoveryTarget> targets, OrgRepositories github, CatalogLocations catalog) {
    this.targets = targets;
    this.github = github;
    this.catalog = catalog;
  }

  Outcome run() {
    Outcome outcome = new Outcome(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (DiscoveryTarget target : targets) {
      try {
        discover(target, outcome);
      } catch (IOException e) {
        outcome.errors().add(target.host() + "/" + target.organization() + ": " + e.getMessage());
      }
    }
    return outcome;
  }

  private void discover(DiscoveryTarget target, Outcome outcome) throws IOException {
    for (OrgRepositories.Repository repository : github.list(target)) {
      if (!target.repository().matcher(repository.name()).matches()) {
        continue;
      }
      if (repository.archived()) {
        outcome.archived().add(repository.htmlUrl());
        continue;
      }
      if (repository.empty()) {
        outcome.empty().add(repository.htmlUrl());
        continue;
      }
      String branch = target.branch().orElse(repository.defaultBranch());
      if (!github.holds(target, repository, branch, target.catalogPath())) {
        outcome.withoutCatalogFile().add(repository.htmlUrl());
        continue;
      }
      String file = repository.htmlUrl() + "/blob/" + branch + "/" + target.catalogPath();
      (catalog.register(file) ? outcome.registered() : outcome.alreadyRegistered()).add(file);
    }
  }
}
