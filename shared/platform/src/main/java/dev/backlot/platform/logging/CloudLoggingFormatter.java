package dev.backlot.platform.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One JSON object per line in the shape Cloud Logging's agent on Cloud Run parses: severity,
 * message, time, trace correlation and httpRequest become first-class fields of the entry.
 */
final class CloudLoggingFormatter extends RecordFormatter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String projectId;

  CloudLoggingFormatter(String projectId) {
    this.projectId = projectId;
  }

  @Override
  public String format(LogRecord record) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("severity", severity(record.getLevel()));
    String message = formatMessage(record);
    if (record.getThrown() != null) {
      // Error Reporting finds exceptions by the stack trace inside the message.
      message = message + "\n" + stackTrace(record.getThrown());
    }
    entry.put("message", message);
    entry.put("time", record.getInstant().toString());
    entry.put("logger", record.getLoggerName());
    RequestLog.current().ifPresent(trace -> {
      if (projectId != null) {
        entry.put("logging.googleapis.com/trace", "projects/" + projectId + "/traces/" + trace.traceId());
      }
      if (trace.spanId() != null) {
        entry.put("logging.googleapis.com/spanId", trace.spanId());
      }
      entry.put("logging.googleapis.com/trace_sampled", trace.sampled());
    });
    Object[] params = record.getParameters();
    if (params != null && params.length > 0 && params[0] instanceof RequestLog.HttpRequestFields http) {
      entry.put("httpRequest", http.fields());
    }
    if (params != null && params.length > 0 && params[0] instanceof AuditLog.Fields audit) {
      entry.putAll(audit.fields());
    }
    try {
      return JSON.writeValueAsString(entry) + "\n";
    } catch (JsonProcessingException e) {
      return "{\"severity\":\"ERROR\",\"message\":\"unloggable record\"}\n";
    }
  }


  static String severity(Level level) {
    int value = level.intValue();
    if (value >= Level.SEVERE.intValue()) {
      return "ERROR";
    }
    if (value >= Level.WARNING.intValue()) {
      return "WARNING";
    }
    if (value >= Level.INFO.intValue()) {
      return "INFO";
    }
    return "DEBUG";
  }
}
