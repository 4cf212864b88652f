package dev.backlot.platform.manifest;

import java.util.List;

/**
 * What a plugin is, as its {@code functions/<id>/plugin.yaml} says. The single source of truth for
 * everything that must know the list of plugins: the local portal and its gateway, Terraform, the
 * API Gateway config, Cloud Build triggers and the consistency tests.
 *
 * @param id plugin id, also its folder name, Cloud Run service suffix and database name
 * @param entryPoint fully qualified class implementing the Functions Framework {@code HttpFunction}
 * @param routePrefix public path prefix, always {@code /api/<id>} as in Backstage
 * @param database whether the plugin owns a database
 * @param blobStore whether the plugin reads and writes the blob store (the docs bucket in GCP)
 * @param secrets Secret Manager secret ids the plugin reads, nothing else is granted
 * @param settings config keys the plugin reads, for documentation and deployment checks
 * @param smokeTest a GET path under the route prefix that exercises the plugin for real (its
 *     database included); deploy smoke tests and the cold-start benchmark call it
 * @param schedules periodic POST calls the plugin needs (Cloud Scheduler in GCP, a timer locally),
 *     since functions run no background loops of their own
 * @param resources sizing and scaling hints for Cloud Run
 */
public record PluginManifest(
    String id,
    String entryPoint,
    String routePrefix,
    boolean database,
    boolean blobStore,
    List<String> secrets,
    List<String> settings,
    String smokeTest,
    List<Schedule> schedules,
    Resources resources) {

  public PluginManifest {
    secrets = List.copyOf(secrets);
    settings = List.copyOf(settings);
    schedules = List.copyOf(schedules);
  }

  /**
   * A POST of {@code path} (under the route prefix) every {@code everyMinutes} minutes.
   *
   * @param path the path to call, e.g. {@code /refresh}
   * @param everyMinutes a divisor of 60, or whole hours dividing a day (60, 120, … 1440): what cron repeats exactly
   */
  public record Schedule(String path, int everyMinutes) {}

  /**
   * Sizing and scaling hints, in Cloud Run's units.
   *
   * @param memory memory limit such as {@code 512Mi}
   * @param cpu vCPU count such as {@code 1}
   * @param minInstances instances kept warm (environments may lower it to 0)
   * @param maxInstances scaling ceiling
   * @param concurrency requests one instance serves at once
   */
  public record Resources(String memory, String cpu, int minInstances, int maxInstances, int concurrency) {
    public static final Resources DEFAULT = new Resources("512Mi", "1", 0, 10, 80);
  }
}
