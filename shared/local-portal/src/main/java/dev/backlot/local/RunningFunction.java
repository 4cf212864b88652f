package dev.backlot.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A function process on a loopback port, with the tail of its output for error messages. */
public final class RunningFunction implements AutoCloseable {
  private static final int TAIL_LINES = 40;

  private final String name;
  private final int port;
  private final Process process;
  private final Deque<String> tail = new ArrayDeque<>();

  private final Path outputFile;

  RunningFunction(String name, int port, Process process, PrintStream echo, Path outputFile) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.outputFile = outputFile;
    if (outputFile != null) {
      return;
    }
    Thread reader = new Thread(() -> pump(echo), "output-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  private void pump(PrintStream echo) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        synchronized (tail) {
          if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
          }
          tail.addLast(line);
        }
        if (echo != null) {
          echo.println("[" + name + "] " + line);
        }
      }
    } catch (IOException ignored) {
      // The process ended; its output ends with it.
    }
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** CPU time the process has used so far, all threads, in milliseconds; -1 where the OS does not tell. */
  public long cpuMillis() {
    return process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
  }

  /** Peak resident memory so far (VmHWM), in KiB; -1 where /proc is not available. */
  public long peakRssKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  String outputTail() {
    if (outputFile != null) {
      try {
        List<String> lines = Files.readAllLines(outputFile);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
      } catch (IOException e) {
        return "(no output: " + e.getMessage() + ")";
      }
    }
    synchronized (tail) {
      return String.join("\n", tail);
    }
  }

  /** Stops the process as Cloud Run does (SIGTERM), then kills it if it lingers. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
