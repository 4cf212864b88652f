package dev.backlot.platform;

import dev.backlot.platform.manifest.BundledManifest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plugins starting on a thread of their own (manifest, config, database, migrations), begun
 * before their function exists when {@link FunctionMain} runs, else by the function's
 * constructor. A plugin that cannot start ends the process, as a constructor that throws does
 * under the invoker.
 */
final class PluginStarts {
  private static final Logger LOG = Logger.getLogger(PluginStarts.class.getName());
  private static final Map<Class<?>, CompletableFuture<Plugin>> BEGUN = new ConcurrentHashMap<>();

  private PluginStarts() {}

  static void begin(Class<?> function) {
    BEGUN.computeIfAbsent(function, PluginStarts::start);
  }

  static int begun() {
    return BEGUN.size();
  }

  /** The start {@link #begin} made for {@code function}, or a new one. */
  static CompletableFuture<Plugin> claim(Class<?> function) {
    CompletableFuture<Plugin> begun = BEGUN.remove(function);
    return begun != null ? begun : start(function);
  }

  private static CompletableFuture<Plugin> start(Class<?> function) {
    BacklotFunction.warmUp();
    CompletableFuture<Plugin> plugin = new CompletableFuture<>();
    Thread.ofPlatform().name("backlot-start").start(() -> {
      try {
        plugin.complete(Plugin.start(BundledManifest.of(function), function.getClassLoader()));
      } catch (Throwable e) {
        exit(plugin, e);
      }
    });
    return plugin;
  }

  static void exit(CompletableFuture<?> starting, Throwable e) {
    LOG.log(Level.SEVERE, "The plugin failed to start", e);
    starting.completeExceptionally(e);
    System.exit(1);
  }
}
