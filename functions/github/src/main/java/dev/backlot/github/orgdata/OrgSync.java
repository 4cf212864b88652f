package dev.backlot.github.orgdata;

import dev.backlot.github.storage.ProfileReads;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.catalog.client.CatalogClient;
import dev.backlot.catalog.client.EntityFilterQuery;
import dev.backlot.catalog.client.EntityProviderMutation;
import dev.backlot.github.api.GitHubClients;
import dev.backlot.platform.config.Config;
import dev.backlot.platform.db.Database;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the catalog's Group and User entities in step with the organisations of {@code
 * github.orgs}: each organisation is read whole and sent as one full mutation under its own
 * provider name, so teams and people that left are removed and the unchanged are not rewritten
 * (the catalog compares). An organisation that cannot be read sends nothing: the catalog keeps
 * its last good set.
 *
 * <p>A profile costs one request per person, so profiles are not all read every time: the
 * scheduled sync takes from the catalog those read within {@code github.profileMaxAgeHours} (24)
 * and reads the people without one, then the longest unread, until {@code
 * github.orgSyncTimeBudgetSeconds} (40) have passed since the call began, within its 60 s
 * deadline; the rest follow in the next syncs. A webhook's sync takes every profile the catalog
 * has, reading only new people's, for at most 8 s: GitHub gives up on a delivery after ten.
 */
public final class OrgSync {
  private static final Logger LOG = Logger.getLogger(OrgSync.class.getName());
  /** GitHub gives up on a delivery after ten seconds; new people's profiles past this follow with the scheduled sync. */
  private static final Duration WEBHOOK_TIME_BUDGET = Duration.ofSeconds(8);
  private static final int USERS_PAGE = 1000;

  /**
   * One organisation's sync: what was read, the teams left out ({@code skipped}, slugs that cannot
   * name an entity), the profiles read from GitHub, and what the catalog did, or why nothing was sent.
   */
  public record Outcome(String organization, String provider, int groups, int users, int profilesRead, List<String> skipped,
      CatalogClient.MutationResult applied, String error) {}

  private final List<OrgTarget> targets;
  private final OrgReader reader;
  private final CatalogClient catalog;
  private final ProfileReads profileReads;
  private final Duration profileMaxAge;
  private final Duration timeBudget;
  private final Clock clock;

  OrgSync(List<OrgTarget> targets, OrgReader reader, CatalogClient catalog, ProfileReads profileReads, Duration profileMaxAge,
      Duration timeBudget, Clock clock) {
    this.targets = targets;
    this.reader = reader;
    this.catalog = catalog;
    this.profileReads = profileReads;
    this.profileMaxAge = profileMaxAge;
    this.timeBudget = timeBudget;
    this.clock = clock;
  }

  public static OrgSync fromConfig(Config config, GitHubClients github, CatalogClient catalog, Database database) {
    return fromConfig(config, github, catalog, database, Clock.systemUTC());
  }

  static OrgSync fromConfig(Config config, GitHubClients github, CatalogClient catalog, Database database, Clock clock) {
    return new OrgSync(OrgTarget.fromConfig(config),
        new OrgReader(github, Math.max(1, config.getOptionalInt("github.orgSyncConcurrency").orElse(1))), catalog, new ProfileReads(database),
        Duration.ofHours(Math.max(0, config.getOptionalLong("github.profileMaxAgeHours").orElse(24L))),
        Duration.ofSeconds(Math.max(1, config.getOptionalLong("github.orgSyncTimeBudgetSeconds").orElse(40L))), clock);
  }

  /** Syncs every configured organisation; one's failure does not stop the others. */
  public List<Outcome> syncAll() {
    return syncAll(deadline());
  }

  /** As {@link #syncAll()}, reading profiles until {@code outOfTime} says so. */
  List<Outcome> syncAll(BooleanSupplier outOfTime) {
    if (targets.isEmpty()) {
      return List.of();
    }
    CatalogProfiles inCatalog = catalogProfiles(); // once for every organisation of the call
    return targets.stream().map(target -> sync(target, known(target, inCatalog, true), outOfTime)).toList();
  }

  /**
   * Syncs the teams and memberships of {@code organization} on {@code host} if it is configured
   * (empty if not), reusing the profiles the catalog has.
   */
  public Optional<Outcome> syncMemberships(String host, String organization) {
    return targets.stream().filter(target -> target.is(host, organization)).findFirst()
        .map(target -> sync(target, known(target, catalogProfiles(), false), deadline(WEBHOOK_TIME_BUDGET)));
  }

  private BooleanSupplier deadline() {
    return deadline(timeBudget);
  }

  private BooleanSupplier deadline(Duration budget) {
    Instant deadline = clock.instant().plus(budget);
    return () -> !clock.instant().isBefore(deadline);
  }

  /** The profiles of the users the catalog has from GitHub; {@code complete} is false when they could not be looked up. */
  private record CatalogProfiles(Map<String, OrgReader.Person> people, boolean complete) {}

  private CatalogProfiles catalogProfiles() {
    Map<String, OrgReader.Person> people = new HashMap<>();
    try {
      for (JsonNode user : usersFromGitHub()) {
        OrgEntities.person(user).ifPresent(person -> people.put(person.login(), person));
      }
      return new CatalogProfiles(people, true);
    } catch (IOException e) {
      // Without the catalog's profiles the sync reads them from GitHub, and fails if there is no time for all.
      LOG.log(Level.WARNING, "reading known GitHub users from the catalog failed; reading every profile", e);
      return new CatalogProfiles(Map.of(), false);
    }
  }

  /** Every User entity carrying a GitHub login, a thousand a request. */
  private List<ObjectNode> usersFromGitHub() throws IOException {
    EntityFilterQuery fromGitHub = EntityFilterQuery.where("kind", "user").andExists("metadata.annotations." + OrgEntities.USER_LOGIN);
    List<ObjectNode> users = new ArrayList<>();
    for (int offset = 0; ; offset += USERS_PAGE) {
      List<ObjectNode> page = catalog.getEntities(fromGitHub, List.of(), USERS_PAGE, offset);
      users.addAll(page);
      if (page.size() < USERS_PAGE) {
        return users;
      }
    }
  }

  /** The catalog's profiles, current or dated by when they were last read; with {@code refresh} false all are current. */
  private OrgReader.KnownProfiles known(OrgTarget target, CatalogProfiles inCatalog, boolean refresh) {
    if (!refresh) {
      return new OrgReader.KnownProfiles(inCatalog.people(), Map.of(), Map.of(), inCatalog.complete());
    }
    Map<String, Instant> readAt = readAt(target);
    Instant currentSince = clock.instant().minus(profileMaxAge);
    Map<String, OrgReader.Person> current = new HashMap<>();
    Map<String, OrgReader.Person> dated = new HashMap<>();
    inCatalog.people().forEach((login, person) ->
        (readAt.getOrDefault(login, Instant.EPOCH).isAfter(currentSince) ? current : dated).put(login, person));
    return new OrgReader.KnownProfiles(current, dated, readAt, inCatalog.complete());
  }

  /** When each profile on the target's host was read; not knowing, none, so every one is dated: read again as time allows, kept till then. */
  private Map<String, Instant> readAt(OrgTarget target) {
    try {
      return profileReads.of(target.host());
    } catch (IOException e) {
      LOG.log(Level.WARNING, "reading when the profiles of " + target.host() + " were read failed", e);
      return Map.of();
    }
  }

  private Outcome sync(OrgTarget target, OrgReader.KnownProfiles known, BooleanSupplier outOfTime) {
    OrgReader.Read read;
    try {
      read = reader.read(target, known, outOfTime);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "reading GitHub organisation " + target + " failed; the catalog keeps its entities", e);
      return new Outcome(target.toString(), target.providerName(), 0, 0, 0, List.of(), null, "reading " + target + " failed: " + e.getMessage());
    }
    OrgReader.Org org = read.org();
    OrgReader.Org nameable = OrgEntities.nameable(org);
    List<String> skipped = org.teams().keySet().stream().filter(slug -> !nameable.teams().containsKey(slug)).toList();
    List<ObjectNode> entities = OrgEntities.of(target, nameable);
    int groups = nameable.teams().size();
    int users = nameable.people().size();
    int profiles = read.profilesRead().size();
    CatalogClient.MutationResult applied;
    try {
      applied = catalog.applyProviderMutation(target.providerName(), EntityProviderMutation.full(entities.stream()
          .map(entity -> new EntityProviderMutation.ProvidedEntity(entity, target.locationKey())).toList()));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "sending GitHub organisation " + target + " to the catalog failed", e);
      return new Outcome(target.toString(), target.providerName(), groups, users, profiles, skipped, null, e.getMessage());
    }
    try {
      // Only once the catalog has them: a profile read but not sent is read again next time.
      profileReads.record(target.host(), read.profilesRead(), clock.instant());
    } catch (IOException e) {
      LOG.log(Level.WARNING, "recording the profiles read of " + target + " failed; they are read again next time", e);
    }
    return new Outcome(target.toString(), target.providerName(), groups, users, profiles, skipped, applied, null);
  }
}
