package dev.backlot.github.discovery;

import dev.backlot.github.storage.DiscoveryCursors;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.catalog.client.CatalogClientException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Registers a url location in the catalog for the catalog files of every live repository of the
 * configured organisations that passes the target's filters, and unregisters the locations of
 * repositories that were deleted, archived or filtered out since. Archived and empty repositories
 * are skipped, and so are those without the file on the branch. Registering what is registered already changes nothing, so a run is idempotent;
 * an organisation that cannot be listed is reported, loses nothing, and the others still run; a
 * repository whose files cannot be read is reported, and the rest of its organisation still runs.
 */
public final class OrgDiscovery {
  /** What a call did; {@code unfinished} names the targets whose pass the next call goes on with. */
  public record Outcome(List<String> registered, List<String> alreadyRegistered, List<String> archived, List<String> empty,
      List<String> withoutCatalogFile, List<String> removed, List<String> errors, List<String> unfinished) {
    static Outcome none() {
      return new Outcome(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
          new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }
  }

  private final List<DiscoveryTarget> targets;
  private final OrgRepositories github;
  private final CatalogClient catalog;

  public OrgDiscovery(List<DiscoveryTarget> targets, OrgRepositories github, CatalogClient catalog) {
    this.targets = targets;
    this.github = github;
    this.catalog = catalog;
  }

  /**
   * One call's share of discovery: at most {@code batchSize} repositories are examined (asked for
   * their catalog files), each target continuing in name order after where {@code cursors} say its
   * last call stopped; organisations are listed in full every time, so locations of repositories
   * that are gone are removed on every call.
   */
  Outcome run(DiscoveryCursors cursors, int batchSize) {
    return run(cursors, batchSize, () -> false);
  }

  /**
   * As {@link #run(DiscoveryCursors, int)}, stopping early once {@code outOfTime} says so: the
   * call must answer within its request's deadline however slowly GitHub and the catalog answer,
   * and the cursors keep what it examined, so the next call goes on from there.
   */
  public Outcome run(DiscoveryCursors cursors, int batchSize, BooleanSupplier outOfTime) {
    Outcome outcome = Outcome.none();
    int budget = batchSize;
    RegisteredOnce registered = new RegisteredOnce();
    for (DiscoveryTarget target : targets) {
      if (outOfTime.getAsBoolean()) {
        outcome.unfinished().add(target.host() + "/" + target.organization() + " not reached: out of time");
        continue;
      }
      try {
        budget -= discover(target, outcome, cursors, budget, registered, outOfTime);
      } catch (IOException e) {
        outcome.errors().add(target.host() + "/" + target.organization() + ": " + e.getMessage());
      }
    }
    return outcome;
  }

  /** Where one target's pass stands: {@code resumesAfter} is the repository the next call goes on after, or null at the start of a pass. */
  record Pass(String host, String organization, String catalogPath, String resumesAfter) {}

  /** Where each target's pass stands, for operators to see that discovery progresses. */
  public List<Pass> passes(DiscoveryCursors cursors) throws IOException {
    List<Pass> passes = new ArrayList<>();
    for (DiscoveryTarget target : targets) {
      passes.add(new Pass(target.host(), target.organization(), target.catalogPath(), cursors.after(target.key()).orElse(null)));
    }
    return passes;
  }

  /** The first target that discovers repository {@code owner/name} on {@code host}. */
  Optional<DiscoveryTarget> targetFor(String host, String owner, String name) {
    return targets.stream().filter(target -> target.covers(host, owner, name)).findFirst();
  }

  /** Discovers the next batch of {@code target}'s repositories; answers how many it examined. */
  private int discover(DiscoveryTarget target, Outcome outcome, DiscoveryCursors cursors, int budget, RegisteredOnce registered,
      BooleanSupplier outOfTime) throws IOException {
    List<OrgRepositories.Repository> repositories = github.list(target);
    String key = target.key();
    String after = cursors.after(key).orElse("");
    List<OrgRepositories.Repository> pending = repositories.stream()
        .filter(repository -> wants(target, repository) && lowerCaseName(repository).compareTo(after) > 0)
        .sorted(Comparator.comparing(OrgDiscovery::lowerCaseName))
        .toList();
    List<OrgRepositories.Repository> batch = new ArrayList<>();
    for (OrgRepositories.Repository repository : pending.subList(0, Math.min(Math.max(budget, 0), pending.size()))) {
      if (outOfTime.getAsBoolean()) {
        break;
      }
      batch.add(repository);
      if (repository.empty()) {
        outcome.empty().add(repository.htmlUrl());
      } else {
        discoverReportingUnreadable(target, repository, outcome);
      }
    }
    if (batch.size() < pending.size()) {
      String next = batch.isEmpty() ? after : lowerCaseName(batch.get(batch.size() - 1));
      cursors.continueAfter(key, next);
      outcome.unfinished().add(target.host() + "/" + target.organization() + (next.isEmpty() ? " from the start" : " after " + next));
    } else {
      cursors.finish(key);
    }
    // The listing is complete here (a failed one threw): what it lacks is gone.
    Set<String> live = repositories.stream().filter(repository -> !repository.archived() && target.wantsTopics(repository.topics()))
        .map(repository -> repository.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    for (CatalogClient.Location location : registered.get()) {
      Optional<String> repository = discoveredRepository(target, location);
      if (repository.isPresent() && target.repository().matcher(repository.get()).matches()
          && !live.contains(repository.get().toLowerCase(Locale.ROOT)) && unregister(location)) {
        outcome.removed().add(location.target());
      }
    }
    return batch.size();
  }

  /** The catalog's locations, read when first needed and then shared by every target of the call. */
  private final class RegisteredOnce {
    private List<CatalogClient.Location> locations;

    List<CatalogClient.Location> get() throws IOException {
      if (locations == null) {
        locations = catalog.getLocations();
      }
      return locations;
    }
  }

  private static boolean wants(DiscoveryTarget target, OrgRepositories.Repository repository) {
    return target.repository().matcher(repository.name()).matches() && target.wantsTopics(repository.topics());
  }

  private static String lowerCaseName(OrgRepositories.Repository repository) {
    return repository.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Discovers {@code repository}, or reports it in {@code outcome.errors()} when GitHub will not
   * tell its catalog files: one repository that always fails must not hold the cursor, and with it
   * the rest of its organisation and the removal of deleted repositories. The cursor moves past it;
   * the next pass asks again, and until then it loses nothing, being still listed.
   */
  private void discoverReportingUnreadable(DiscoveryTarget target, OrgRepositories.Repository repository, Outcome outcome)
      throws IOException {
    try {
      discover(target, repository, outcome);
    } catch (OrgRepositories.Unreadable e) {
      outcome.errors().add(repository.htmlUrl() + ": " + e.getMessage());
    }
  }

  /** Registers {@code repository}'s catalog files, unless it is archived or has none on the branch. */
  void discover(DiscoveryTarget target, OrgRepositories.Repository repository, Outcome outcome) throws IOException {
    if (repository.archived()) {
      outcome.archived().add(repository.htmlUrl());
      return;
    }
    String branch = target.branch().orElse(repository.defaultBranch());
    List<String> files = github.catalogFiles(target, repository, branch);
    if (files.isEmpty()) {
      outcome.withoutCatalogFile().add(repository.htmlUrl());
      return;
    }
    for (String path : files) {
      String file = repository.htmlUrl() + "/blob/" + branch + "/" + path;
      (register(file) ? outcome.registered() : outcome.alreadyRegistered()).add(file);
    }
  }

  /** Unregisters the locations {@code target} could have registered for repository {@code name}. */
  void forget(DiscoveryTarget target, String name, Outcome outcome) throws IOException {
    for (CatalogClient.Location location : catalog.getLocations()) {
      if (discoveredRepository(target, location).filter(name::equalsIgnoreCase).isPresent() && unregister(location)) {
        outcome.removed().add(location.target());
      }
    }
  }

  /** Registers url location {@code file}; false when the catalog has it already. */
  private boolean register(String file) throws IOException {
    try {
      catalog.addLocation("url", file, false);
      return true;
    } catch (CatalogClientException e) {
      if (e.status() == 409) {
        return false;
      }
      throw e;
    }
  }

  /** Unregisters {@code location} (the catalog removes what it gave); false when it was gone already. */
  private boolean unregister(CatalogClient.Location location) throws IOException {
    try {
      catalog.removeLocationById(location.id());
      return true;
    } catch (CatalogClientException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  private static Optional<String> discoveredRepository(DiscoveryTarget target, CatalogClient.Location location) {
    return location.type().equals("url") ? target.repositoryOf(location.target()) : Optional.empty();
  }
}
