package dev.backlot.local;

import dev.backlot.platform.manifest.PluginManifest;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The local stand-in for Cloud Scheduler: POSTs each manifest schedule through the gateway, once
 * soon after start and then every {@code everyMinutes}, just as the Terraform jobs do in GCP.
 */
final class LocalScheduler implements AutoCloseable {
  static final Duration FIRST_CALLS_APART = Duration.ofSeconds(5);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "local-scheduler");
    thread.setDaemon(true);
    return thread;
  });
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String gateway;
  private final UnaryOperator<String> authorization;
  private final PrintStream out;

  /** {@code authorization} gives the header value for a call to a plugin id, as Cloud Scheduler's OIDC token does in GCP. */
  LocalScheduler(String gateway, UnaryOperator<String> authorization, PrintStream out) {
    this.gateway = gateway;
    this.authorization = authorization;
    this.out = out;
  }

  void schedule(List<PluginManifest> manifests) {
    // One timer thread runs the first calls in order: the catalog's refresh first, since the
    // other plugins' schedules (api-docs' sync) read what it ingests. The first calls start the
    // plugins they reach, so they are spread apart: a plugin starting does not slow the shell and
    // the catalog while someone signs in.
    List<PluginManifest> ordered = manifests.stream()
        .sorted(java.util.Comparator.comparing((PluginManifest m) -> !m.id().equals("catalog")))
        .toList();
    long firstCall = 0;
    for (PluginManifest manifest : ordered) {
      for (PluginManifest.Schedule schedule : manifest.schedules()) {
        String path = manifest.routePrefix() + schedule.path();
        timer.scheduleWithFixedDelay(() -> call(manifest.id(), path), firstCall, schedule.everyMinutes() * 60_000L, TimeUnit.MILLISECONDS);
        firstCall += FIRST_CALLS_APART.toMillis();
      }
    }
  }

  private void call(String pluginId, String path) {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofMinutes(5))
              .header("Authorization", authorization.apply(pluginId)).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      out.println("[scheduler] POST " + path + " → " + response.statusCode() + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
    } catch (Exception e) {
      out.println("[scheduler] POST " + path + " failed: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
