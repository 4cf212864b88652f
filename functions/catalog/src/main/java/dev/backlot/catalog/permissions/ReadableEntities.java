package dev.backlot.catalog.permissions;

import dev.backlot.catalog.storage.EntityFilter;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.permission.Decision;
import dev.backlot.platform.permission.PermissionCriteria;
import java.util.logging.Logger;

/**
 * The entities a request's decision lets its caller see, as a filter the routes AND to what the
 * caller asked for: everything when allowed, nothing when denied, and a CONDITIONAL's tree of
 * rules translated into the catalog's own filter. Conditions the catalog cannot apply (a rule it
 * does not have, params that do not fit, another resource type) let nothing through: a policy
 * error never widens a read.
 */
public final class ReadableEntities {
  private static final Logger LOG = Logger.getLogger(ReadableEntities.class.getName());

  private ReadableEntities() {}

  /** What the caller of {@code request} may see of the entities its route's permission guards. */
  public static EntityFilter of(Request request) {
    return of(request.decision(), request.identityIfAny().orElse(null));
  }

  public static EntityFilter of(Decision decision, Identity caller) {
    return switch (decision.result()) {
      case ALLOW -> EntityFilter.ALL;
      case DENY -> EntityFilter.NONE;
      case CONDITIONAL -> {
        try {
          yield filter(decision.conditions(), caller);
        } catch (IllegalArgumentException | dev.backlot.platform.http.HttpError e) {
          LOG.warning("The permission policy's conditions cannot apply to catalog entities, so nothing is readable: " + e.getMessage());
          yield EntityFilter.NONE;
        }
      }
    };
  }

  /**
   * The filter of {@code criteria} for {@code caller}; a condition the catalog cannot apply is an
   * {@link IllegalArgumentException} saying why (for apply-conditions, which answers the asker).
   */
  public static EntityFilter filter(PermissionCriteria criteria, Identity caller) {
    return switch (criteria) {
      case PermissionCriteria.AllOf all -> EntityFilter.allOf(all.criteria().stream().map(c -> filter(c, caller)).toArray(EntityFilter[]::new));
      case PermissionCriteria.AnyOf any -> EntityFilter.anyOf(any.criteria().stream().map(c -> filter(c, caller)).toArray(EntityFilter[]::new));
      case PermissionCriteria.Not not -> EntityFilter.not(filter(not.criteria(), caller));
      case PermissionCriteria.Condition condition -> {
        if (!CatalogPermissions.RESOURCE_TYPE.equals(condition.resourceType())) {
          throw new IllegalArgumentException("condition on resource type " + condition.resourceType());
        }
        yield EntityRules.filter(condition.rule(), condition.params(), caller);
      }
    };
  }
}
