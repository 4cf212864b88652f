package dev.backlot.platform.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlot.platform.auth.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class AuditLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The entry Cloud Logging would parse from the line the audit event becomes. */
  private static JsonNode entry(Runnable write) throws Exception {
    List<LogRecord> records = new ArrayList<>();
    Handler recorder = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger audit = Logger.getLogger("backlot.audit");
    audit.addHandler(recorder);
    try {
      write.run();
    } finally {
      audit.removeHandler(recorder);
    }
    assertEquals(1, records.size());
    return JSON.readTree(new CloudLoggingFormatter("acme").format(records.get(0)));
  }

  @Test
  void anEventCarriesWhoWhatWhichResourceOutcomeAndRequestAsPayloadFields() throws Exception {
    JsonNode entry = entry(() -> AuditLog.record("catalog.entity-mutate", new Identity(Identity.Kind.USER, "user:default/jdoe", List.of()),
        "req-1", "component:default/payments", AuditLog.Outcome.SUCCEEDED, Map.of("action", "delete")));
    assertEquals("INFO", entry.get("severity").asText());
    assertEquals("backlot.audit", entry.get("logger").asText());
    assertEquals("catalog.entity-mutate", entry.get("eventId").asText());
    assertEquals(JSON.readTree("{\"principal\":\"user:default/jdoe\",\"kind\":\"user\"}"), entry.get("actor"));
    assertEquals("component:default/payments", entry.get("resource").asText());
    assertEquals("succeeded", entry.get("outcome").asText());
    assertEquals("req-1", entry.get("requestId").asText());
    assertEquals("delete", entry.at("/meta/action").asText());
  }

  @Test
  void aPersonCalledOnBehalfOfIsRecordedWithTheServiceThatVouched() throws Exception {
    JsonNode entry = entry(() -> AuditLog.record("catalog.location-mutate",
        new Identity(Identity.Kind.USER, "user:default/jdoe", List.of("user:default/jdoe"), "plugin:scaffolder"), "req-4", "url:x",
        AuditLog.Outcome.SUCCEEDED, null));
    assertEquals(JSON.readTree("{\"principal\":\"user:default/jdoe\",\"kind\":\"user\",\"via\":\"plugin:scaffolder\"}"), entry.get("actor"));
  }

  @Test
  void aDenialIsAWarningNamingThePermission() throws Exception {
    JsonNode entry = entry(() -> AuditLog.denied(new Identity(Identity.Kind.EXTERNAL, "external:ci-bot", List.of()), "req-2",
        "DELETE /locations/:id", "catalog.location.delete"));
    assertEquals("WARNING", entry.get("severity").asText());
    assertEquals("permission-evaluation", entry.get("eventId").asText());
    assertEquals("external", entry.at("/actor/kind").asText());
    assertEquals("denied", entry.get("outcome").asText());
    assertEquals("catalog.location.delete", entry.at("/meta/permission").asText());
  }

  @Test
  void credentialsInALocationUrlNeverReachTheTrail() throws Exception {
    // Attack: an admin registers a location whose URL carries a token; the audit trail must not keep it.
    JsonNode entry = entry(() -> AuditLog.record("catalog.location-mutate", null, "req-3",
        "url:https://x-access-token:ghp_s3cret@github.com/acme/repo/blob/main/catalog-info.yaml?token=abc", AuditLog.Outcome.FAILED, null));
    String line = entry.toString();
    assertFalse(line.contains("ghp_s3cret") || line.contains("token=abc"), line);
    assertEquals("url:https://github.com/acme/repo/blob/main/catalog-info.yaml", entry.get("resource").asText());
    assertEquals("none", entry.at("/actor/kind").asText());
  }
}
