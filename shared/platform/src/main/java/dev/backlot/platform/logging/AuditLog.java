package dev.backlot.platform.logging;

import dev.backlot.platform.auth.Identity;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Audit events: who did what to which resource, and how it ended, as one structured entry of
 * logger {@code backlot.audit}. On Cloud Run its fields land in the entry's {@code jsonPayload}
 * ({@code eventId}, {@code actor: {principal, kind}}, {@code resource}, {@code outcome}, {@code
 * requestId}, {@code meta}); a log sink on that logger gives them their own retention. Event ids
 * are Backstage's auditor ids where Backstage has one ({@code catalog.entity-mutate}, {@code
 * catalog.location-mutate}), and {@code permission-evaluation} for a refusal. Never a credential:
 * principals are subjects, and URLs in resources lose user info and query.
 */
public final class AuditLog {
  /** The logger every audit event is written to; Terraform's audit sink selects entries by it (terraform/modules/platform/audit.tf). */
  public static final String LOGGER = "backlot.audit";
  private static final Logger LOG = Logger.getLogger(LOGGER);
  private static final Pattern URL_SECRETS = Pattern.compile("(?i)(https?://)[^/@\\s]*@|\\?[^\\s]*");

  /** How the audited action ended. */
  public enum Outcome { SUCCEEDED, FAILED, DENIED }

  private AuditLog() {}

  /** A refusal of {@code caller} on {@code resource} (a route), naming the {@code permission} when one decided it. */
  public static void denied(Identity caller, String requestId, String resource, String permission) {
    record("permission-evaluation", caller, requestId, resource, Outcome.DENIED, permission == null ? null : Map.of("permission", permission));
  }

  /** Writes one event; {@code caller} is null only for work no one asked for. */
  public static void record(String eventId, Identity caller, String requestId, String resource, Outcome outcome, Map<String, ?> meta) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", eventId);
    Map<String, Object> actor = new LinkedHashMap<>();
    actor.put("principal", caller == null ? null : caller.subject());
    actor.put("kind", caller == null ? "none" : caller.kind().name().toLowerCase(Locale.ROOT));
    if (caller != null && caller.actingService() != null) {
      // A person a service called on behalf of (OnBehalfOf): the trail says which service vouched.
      actor.put("via", caller.actingService());
    }
    event.put("actor", actor);
    event.put("resource", resource == null ? null : URL_SECRETS.matcher(resource).replaceAll("$1"));
    event.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
    event.put("requestId", requestId);
    if (meta != null && !meta.isEmpty()) {
      event.put("meta", meta);
    }
    LogRecord record = new LogRecord(outcome == Outcome.SUCCEEDED ? Level.INFO : Level.WARNING,
        "audit " + eventId + " " + event.get("outcome") + " " + actor.get("principal") + " " + event.get("resource"));
    record.setLoggerName(LOG.getName());
    record.setParameters(new Object[] {new Fields(event)});
    LOG.log(record);
  }

  /** The trace id of the request the current thread serves, if it carries one. */
  public static Optional<String> requestId() {
    return RequestLog.current().map(TraceContext::traceId);
  }

  /** Marks a log record's parameter as fields of the entry's {@code jsonPayload}. */
  record Fields(Map<String, Object> fields) {}
}
