package dev.backlot.github.orgdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.github.catalog.CatalogProviders;
import dev.backlot.github.api.GitHubClients;
import dev.backlot.platform.config.Config;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the catalog's Group and User entities in step with the organisations of {@code
 * github.orgs}: each organisation is read whole and sent as one full mutation under its own
 * provider name, so teams and people that left are removed and the unchanged are not rewritten
 * (the catalog compares). An organisation that cannot be read sends nothing: the catalog keeps
 * its last good set.
 *
 * <p>The scheduled sync reads every member's profile. A webhook's sync reads teams and
 * memberships only, taking the profiles of people the catalog already has from the catalog: a
 * profile costs one request per person, and GitHub gives up on a delivery after ten seconds.
 * Changed names and emails follow with the next scheduled sync.
 */
public final class OrgSync {
  private static final Logger LOG = Logger.getLogger(OrgSync.class.getName());

  /**
   * One organisation's sync: what was read, the teams left out ({@code skipped}, slugs that cannot
   * name an entity) and what the catalog did, or why nothing was sent.
   */
  public record Outcome(String organization, String provider, int groups, int users, List<String> skipped,
      CatalogProviders.Applied applied, String error) {}

  private final List<OrgTarget> targets;
  private final OrgReader reader;
  private final CatalogProviders catalog;

  OrgSync(List<OrgTarget> targets, OrgReader reader, CatalogProviders catalog) {
    this.targets = targets;
    this.reader = reader;
    this.catalog = catalog;
  }

  public static OrgSync fromConfig(Config config, GitHubClients github, CatalogProviders catalog) {
    return new OrgSync(OrgTarget.fromConfig(config), new OrgReader(github), catalog);
  }

  /** Syncs every configured organisation; one's failure does not stop the others. */
  public List<Outcome> syncAll() {
    return targets.stream().map(this::sync).toList();
  }

  /**
   * Syncs the teams and memberships of {@code organization} on {@code host} if it is configured
   * (empty if not), reusing the profiles the catalog has.
   */
  public Optional<Outcome> syncMemberships(String host, String organization) {
    return targets.stream().filter(target -> target.is(host, organization)).findFirst().map(this::syncMemberships);
  }

  private Outcome syncMemberships(OrgTarget target) {
    Map<String, OrgReader.Person> known = new HashMap<>();
    try {
      for (JsonNode user : catalog.entitiesWithAnnotation("user", OrgEntities.USER_LOGIN)) {
        OrgEntities.person(user).ifPresent(person -> known.put(person.login(), person));
      }
    } catch (IOException e) {
      // Without the catalog's profiles the sync reads them all from GitHub, slower but complete.
      LOG.log(Level.WARNING, "reading known GitHub users from the catalog failed; reading every profile", e);
    }
    return sync(target, known);
  }

  private Outcome sync(OrgTarget target) {
    return sync(target, Map.of());
  }

  private Outcome sync(OrgTarget target, Map<String, OrgReader.Person> knownProfiles) {
    OrgReader.Org org;
    try {
      org = reader.read(target, knownProfiles);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "reading GitHub organisation " + target + " failed; the catalog keeps its entities", e);
      return new Outcome(target.toString(), target.providerName(), 0, 0, List.of(), null, "reading " + target + " failed: " + e.getMessage());
    }
    OrgReader.Org nameable = OrgEntities.nameable(org);
    List<String> skipped = org.teams().keySet().stream().filter(slug -> !nameable.teams().containsKey(slug)).toList();
    List<ObjectNode> entities = OrgEntities.of(target, nameable);
    int groups = nameable.teams().size();
    int users = nameable.people().size();
    try {
      CatalogProviders.Applied applied = catalog.replaceAll(target.providerName(), target.locationKey(), entities);
      return new Outcome(target.toString(), target.providerName(), groups, users, skipped, applied, null);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "sending GitHub organisation " + target + " to the catalog failed", e);
      return new Outcome(target.toString(), target.providerName(), groups, users, skipped, null, e.getMessage());
    }
  }
}
