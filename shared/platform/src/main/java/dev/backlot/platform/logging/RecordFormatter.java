package dev.backlot.platform.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** What both output formats share: request records carry fields, not message parameters. */
abstract class RecordFormatter extends Formatter {
  @Override
  public String formatMessage(LogRecord record) {
    Object[] params = record.getParameters();
    if (params != null && params.length > 0 && (params[0] instanceof RequestLog.HttpRequestFields || params[0] instanceof AuditLog.Fields)) {
      return record.getMessage();
    }
    return super.formatMessage(record);
  }

  static String stackTrace(Throwable thrown) {
    StringWriter stack = new StringWriter();
    thrown.printStackTrace(new PrintWriter(stack));
    return stack.toString();
  }
}
