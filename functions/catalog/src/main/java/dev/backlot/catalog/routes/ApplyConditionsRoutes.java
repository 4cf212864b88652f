package dev.backlot.catalog.routes;

import dev.backlot.catalog.model.EntityRef;
import dev.backlot.catalog.permissions.CatalogPermissions;
import dev.backlot.catalog.permissions.ReadableEntities;
import dev.backlot.catalog.storage.EntityFilter;
import dev.backlot.catalog.storage.EntityStore;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Router;
import dev.backlot.platform.permission.ApplyConditionsRequest;
import dev.backlot.platform.permission.PermissionClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Backstage's {@code POST /.well-known/backstage/permissions/apply-conditions} for catalog
 * entities, called by the permission function (its service token only) when a policy answers
 * CONDITIONAL for one entity. Each distinct condition tree of the batch is one query: the same
 * SQL filter a conditional list uses, restricted to the batch's refs, so an entity is allowed here
 * exactly when a filtered list would show it.
 */
public final class ApplyConditionsRoutes {
  /** Distinct condition trees in one batch at most: each is a query; one person's batch has a few. */
  static final int MAX_CONDITION_TREES = 20;

  private final EntityStore store;

  public ApplyConditionsRoutes(EntityStore store) {
    this.store = store;
  }

  public void register(Router router) {
    router.post(ApplyConditionsRequest.PATH, Access.services(PermissionClient.PLUGIN_ID), this::apply);
  }

  private Object apply(Request request) throws IOException {
    ApplyConditionsRequest batch = ApplyConditionsRequest.parse(request.json(), Set.of(CatalogPermissions.RESOURCE_TYPE));
    Map<String, List<ApplyConditionsRequest.Item>> byConditions = new LinkedHashMap<>();
    for (ApplyConditionsRequest.Item item : batch.items()) {
      byConditions.computeIfAbsent(item.conditions().toJson().toString(), c -> new ArrayList<>()).add(item);
    }
    if (byConditions.size() > MAX_CONDITION_TREES) {
      throw HttpError.inputError("request/body/items hold more than " + MAX_CONDITION_TREES + " different conditions");
    }
    Set<String> allowed = new HashSet<>();
    for (List<ApplyConditionsRequest.Item> items : byConditions.values()) {
      EntityFilter filter = filterOf(items.get(0), batch.items().indexOf(items.get(0)), request);
      Map<String, String> refs = new LinkedHashMap<>();
      for (ApplyConditionsRequest.Item item : items) {
        canonical(item.resourceRef()).ifPresent(ref -> refs.put(item.id(), ref));
      }
      Set<String> readable = store.byRefs(List.copyOf(new HashSet<>(refs.values())), filter).keySet();
      refs.forEach((id, ref) -> {
        if (readable.contains(ref)) {
          allowed.add(id);
        }
      });
    }
    return batch.answer(item -> allowed.contains(item.id()));
  }

  private static EntityFilter filterOf(ApplyConditionsRequest.Item item, int index, Request request) {
    try {
      return ReadableEntities.filter(item.conditions(), request.identity());
    } catch (IllegalArgumentException | HttpError e) {
      throw HttpError.inputError("items[" + index + "].conditions cannot apply to catalog entities: " + e.getMessage());
    }
  }

  /** The ref as the catalog stores it; a ref that does not parse names no entity, which is DENY. */
  private static Optional<String> canonical(String ref) {
    try {
      return Optional.of(EntityRef.parse(ref, null, EntityRef.DEFAULT_NAMESPACE).toString());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
