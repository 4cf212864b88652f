package dev.backlot.platform.logging;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The trace a request belongs to, read from W3C {@code traceparent} or Google's own header. */
record TraceContext(String traceId, String spanId, boolean sampled) {
  private static final Pattern TRACEPARENT =
      Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
  private static final Pattern CLOUD_TRACE = Pattern.compile("([0-9a-fA-F]{32})(?:/([0-9]+))?(?:;o=([01]))?");

  /** {@code header} looks a request header up by name, ignoring case. */
  static Optional<TraceContext> from(Function<String, Optional<String>> header) {
    Optional<TraceContext> w3c = header.apply("traceparent").flatMap(TraceContext::fromTraceparent);
    return w3c.isPresent() ? w3c : header.apply("X-Cloud-Trace-Context").flatMap(TraceContext::fromCloudTrace);
  }

  private static Optional<TraceContext> fromTraceparent(String value) {
    Matcher m = TRACEPARENT.matcher(value.trim());
    if (!m.matches() || m.group(1).matches("0+")) {
      return Optional.empty();
    }
    boolean sampled = (Integer.parseInt(m.group(3), 16) & 1) == 1;
    return Optional.of(new TraceContext(m.group(1), m.group(2), sampled));
  }

  private static Optional<TraceContext> fromCloudTrace(String value) {
    Matcher m = CLOUD_TRACE.matcher(value.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    // Cloud Logging wants the span id as 16 hex digits; the legacy header carries it in decimal.
    String spanId = m.group(2) == null ? null : String.format("%016x", Long.parseUnsignedLong(m.group(2)));
    return Optional.of(new TraceContext(m.group(1).toLowerCase(), spanId, "1".equals(m.group(3))));
  }
}
