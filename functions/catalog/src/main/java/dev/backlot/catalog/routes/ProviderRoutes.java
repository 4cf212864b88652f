package dev.backlot.catalog.routes;

import dev.backlot.catalog.ingestion.ProviderMutation;
import dev.backlot.catalog.model.InvalidEntityException;
import dev.backlot.catalog.storage.EntityStore;
import dev.backlot.platform.auth.Identity;
import dev.backlot.platform.http.Access;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.http.Router;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /providers/:provider/mutations}: entity providers running as other plugins (GitHub
 * org data) apply full or delta mutations over HTTP, as Backstage's providers do in-process.
 * Only services may: a person or script could otherwise replace a provider's whole entity set.
 */
public final class ProviderRoutes {
  /** An organisation of thousands of users and teams is a few MiB of entities. */
  private static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

  private final EntityStore store;

  public ProviderRoutes(EntityStore store) {
    this.store = store;
  }

  public void register(Router router) {
    router.post("/providers/:provider/mutations", Access.services("github"), MAX_BODY_BYTES, this::mutate);
  }

  private Map<String, Object> mutate(Request request) throws Exception {
    return Audited.mutation(request, Audited.ENTITY_MUTATE, "provider-mutation", "provider:" + request.pathParam("provider"), () -> apply(request));
  }

  private Map<String, Object> apply(Request request) throws java.io.IOException {
    if (request.identity().kind() != Identity.Kind.SERVICE) {
      throw HttpError.notAllowed("Only services may apply entity provider mutations");
    }
    ProviderMutation mutation;
    try {
      mutation = ProviderMutation.parse(request.pathParam("provider"), request.json());
    } catch (InvalidEntityException e) {
      throw HttpError.inputError(e.getMessage());
    }
    EntityStore.Applied applied = mutation.apply(store);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("added", applied.added());
    answer.put("updated", applied.written() - applied.added());
    answer.put("unchanged", applied.unchanged());
    answer.put("removed", applied.removed());
    answer.put("conflicts", applied.conflicts());
    return answer;
  }
}
