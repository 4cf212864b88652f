package dev.backlot.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags a function runs with, locally, in the benchmark and in the container image.
 * Chosen by measurement (docs/performance.md): C1 only and the serial collector start fastest
 * and smallest for a single-request-at-a-time function on one vCPU; the AOT cache removes most
 * class loading and linking from the start. A JVM out of heap exits rather than limp on with dead
 * threads and half-written state: Cloud Run starts a fresh one, and locally the failure shows at once.
 */
public final class JvmFlags {
  static final List<String> BASE = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-XX:+ExitOnOutOfMemoryError");

  private JvmFlags() {}

  /** Flags for a normal start, using {@code aotCache} when it is not null. */
  public static List<String> run(Path aotCache) {
    List<String> flags = new ArrayList<>(BASE);
    if (aotCache != null) {
      flags.add("-XX:AOTCache=" + aotCache);
    }
    return flags;
  }

  /** Flags for the training run that writes {@code aotCache} when the JVM exits. */
  public static List<String> train(Path aotCache) {
    List<String> flags = new ArrayList<>(BASE);
    flags.add("-XX:AOTCacheOutput=" + aotCache);
    return flags;
  }

  /** AOT caches need JDK 25's one-step training ({@code -XX:AOTCacheOutput}). */
  public static boolean aotSupported() {
    return Runtime.version().feature() >= 25;
  }
}
