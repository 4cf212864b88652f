package dev.backlot.local.rehearsal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A folder standing in for the UI plugins' Cloud Storage bucket, which Terraform mounts into the
 * shell's container (modules/service-config's {@code shell_volumes}): the rehearsal's shell, a
 * process rather than a container, reads the folder where the container would see the mount. It
 * is filled as {@code plugins/cloudbuild.yaml} fills the bucket, with the same {@code build.mjs}
 * the pipeline runs, for {@link #PLUGIN}; {@link #problem()} says why not when Node.js or the web
 * UI's packages are missing, and the journey's step reports it.
 */
final class UiPluginBucket {
  /** The UI plugin the rehearsal installs: standalone, so it needs nothing but the bucket. */
  static final String PLUGIN = "techradar";
  private static final long BUILD_TIMEOUT_SECONDS = 180;

  private final Path folder;
  private final String problem;

  private UiPluginBucket(Path folder, String problem) {
    this.folder = folder;
    this.problem = problem;
  }

  /** The stand-in of {@code bucket} under {@code dir}, with {@link #PLUGIN} installed in it. */
  static UiPluginBucket install(Path root, Path dir, String bucket) throws IOException, InterruptedException {
    Path folder = Files.createDirectories(dir.resolve("buckets").resolve(bucket));
    Path log = dir.resolve("ui-plugin-build.log");
    if (!Files.isDirectory(root.resolve("frontend-shell/web/node_modules/vite"))) {
      return new UiPluginBucket(folder, "the web UI's packages are not installed (cd frontend-shell/web && npm ci), so no UI plugin could be built");
    }
    Process build;
    try {
      build = new ProcessBuilder(List.of("node", "frontend-shell/web/ui-plugin-build/build.mjs", "plugins/" + PLUGIN, folder.toString()))
          .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      return new UiPluginBucket(folder, "Node.js is not on PATH, so no UI plugin could be built: " + e.getMessage());
    }
    if (!build.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      build.destroyForcibly();
      return new UiPluginBucket(folder, "building plugins/" + PLUGIN + " took over " + BUILD_TIMEOUT_SECONDS + " s (" + root.relativize(log) + ")");
    }
    if (build.exitValue() != 0) {
      return new UiPluginBucket(folder, "building plugins/" + PLUGIN + " failed: " + Files.readString(log).strip());
    }
    return new UiPluginBucket(folder, null);
  }

  Path folder() {
    return folder;
  }

  /** Why the bucket holds no plugin, or null. */
  String problem() {
    return problem;
  }
}
