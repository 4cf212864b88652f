package dev.backlot.catalog.routes;

import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Request;
import dev.backlot.platform.logging.AuditLog;
import java.util.Map;

/**
 * A catalog mutation with its audit event, Backstage's ids ({@code catalog.entity-mutate},
 * {@code catalog.location-mutate}) and {@code actionType}: succeeded when the work returns,
 * failed when it throws (a refusal the work throws is still its caller's attempt).
 */
final class Audited {
  static final String ENTITY_MUTATE = "catalog.entity-mutate";
  static final String LOCATION_MUTATE = "catalog.location-mutate";

  /** The work of a mutation. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws Exception;
  }

  private Audited() {}

  static <T> T mutation(Request request, String eventId, String actionType, String resource, Work<T> work) throws Exception {
    Map<String, String> meta = Map.of("actionType", actionType);
    try {
      T result = work.run();
      request.audit(eventId, resource, AuditLog.Outcome.SUCCEEDED, meta);
      return result;
    } catch (HttpError e) {
      request.audit(eventId, resource, e.status() == 403 ? AuditLog.Outcome.DENIED : AuditLog.Outcome.FAILED, meta);
      throw e;
    } catch (Exception | Error e) {
      request.audit(eventId, resource, AuditLog.Outcome.FAILED, meta);
      throw e;
    }
  }
}
