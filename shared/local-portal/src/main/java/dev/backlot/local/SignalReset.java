package dev.backlot.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child inherits ignored signals, and a JVM that starts with SIGTERM ignored never runs its
 * exit path: stopping it would not write its AOT cache. Maven's test forks and background shell
 * jobs start that way, so functions are launched through {@code env --default-signal} where the
 * system's env supports it (GNU coreutils 8.31+), which restores the default handling.
 */
final class SignalReset {
  static final List<String> PREFIX = probe();

  private SignalReset() {}

  private static List<String> probe() {
    Path env = Path.of("/usr/bin/env");
    if (!Files.isExecutable(env)) {
      return List.of();
    }
    List<String> prefix = List.of(env.toString(), "--default-signal=TERM,INT,HUP");
    try {
      Process check = new ProcessBuilder(concat(prefix, "true")).redirectErrorStream(true).start();
      check.getInputStream().readAllBytes();
      return check.waitFor(5, TimeUnit.SECONDS) && check.exitValue() == 0 ? prefix : List.of();
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  private static List<String> concat(List<String> prefix, String command) {
    List<String> all = new java.util.ArrayList<>(prefix);
    all.add(command);
    return all;
  }
}
