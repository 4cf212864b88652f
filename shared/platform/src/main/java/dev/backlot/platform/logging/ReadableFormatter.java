package dev.backlot.platform.logging;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.LogRecord;

/** One short line per record for a developer's terminal. */
final class ReadableFormatter extends RecordFormatter {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  @Override
  public String format(LogRecord record) {
    StringBuilder line = new StringBuilder()
        .append(TIME.format(LocalTime.ofInstant(record.getInstant(), ZoneId.systemDefault())))
        .append(' ')
        .append(CloudLoggingFormatter.severity(record.getLevel()))
        .append(' ')
        .append(shortName(record.getLoggerName()))
        .append(": ")
        .append(formatMessage(record));
    RequestLog.current().ifPresent(trace -> line.append(" trace=").append(trace.traceId()));
    line.append('\n');
    if (record.getThrown() != null) {
      line.append(stackTrace(record.getThrown()));
    }
    return line.toString();
  }


  private static String shortName(String logger) {
    if (logger == null) {
      return "-";
    }
    int dot = logger.lastIndexOf('.');
    return dot < 0 ? logger : logger.substring(dot + 1);
  }
}
