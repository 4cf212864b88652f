package dev.backlot.platform.logging;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Sends java.util.logging (and slf4j, bridged to it) to stdout: Cloud Logging JSON on Cloud Run
 * ({@code K_SERVICE} is set there), readable lines elsewhere. JUL needs no config file or
 * classpath scan, which keeps it out of the cold-start path.
 */
public final class Logging {
  private static volatile boolean configured;

  private Logging() {}

  /** Configures the root logger once per process from the environment. */
  public static void configure() {
    configure(System.getenv(), System.out);
  }

  static synchronized void configure(Map<String, String> env, PrintStream out) {
    if (configured) {
      return;
    }
    Formatter formatter = formatter(env);
    Handler handler = new StreamHandler(out, formatter) {
      @Override
      public synchronized void publish(java.util.logging.LogRecord record) {
        super.publish(record);
        flush();
      }
    };
    try {
      handler.setEncoding(StandardCharsets.UTF_8.name());
    } catch (java.io.UnsupportedEncodingException impossible) {
      throw new AssertionError(impossible);
    }
    Level level = level(env.getOrDefault("BACKLOT_LOG_LEVEL", "INFO"));
    handler.setLevel(level);
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    root.setLevel(level);
    root.addHandler(handler);
    configured = true;
  }

  static Formatter formatter(Map<String, String> env) {
    return env.containsKey("K_SERVICE")
        ? new CloudLoggingFormatter(env.get("GOOGLE_CLOUD_PROJECT"))
        : new ReadableFormatter();
  }

  private static Level level(String name) {
    try {
      return Level.parse(switch (name.toUpperCase()) {
        case "DEBUG" -> "FINE";
        case "WARN" -> "WARNING";
        case "ERROR" -> "SEVERE";
        default -> name.toUpperCase();
      });
    } catch (IllegalArgumentException e) {
      return Level.INFO;
    }
  }

  /** For tests: so a later {@link #configure()} applies again. */
  static synchronized void reset() {
    configured = false;
    LogManager.getLogManager().reset();
    Logger.getLogger("").addHandler(new ConsoleHandler());
  }
}
