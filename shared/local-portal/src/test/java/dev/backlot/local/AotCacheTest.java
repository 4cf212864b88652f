package dev.backlot.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backlot.local.bench.HelloWorldFunction;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training writes a cache, a second start reuses it, and a rebuilt jar gets a new one. */
class AotCacheTest {
  @TempDir Path dir;

  @Test
  void trainedOnceReusedAfterwardsRetrainedWhenTheJarChanges() throws Exception {
    assumeTrue(JvmFlags.aotSupported(), "AOT caches need JDK 25; this JVM is " + Runtime.version());
    Path jar = dir.resolve("hello.jar");
    PortalFixture.jar(jar, List.of(HelloWorldFunction.class));
    Path invoker = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of).filter(p -> p.getFileName().toString().startsWith("java-function-invoker")).findFirst().orElseThrow();
    FunctionLauncher.Function hello = new FunctionLauncher.Function("hello", HelloWorldFunction.class.getName(), List.of(jar, invoker), "/");
    FunctionLauncher launcher = new FunctionLauncher(dir, Map.of(), null);
    Path cacheDir = dir.resolve("aot");

    Path cache = launcher.trainedCache(hello, cacheDir, List.of("/"));
    assertNotNull(cache, "training wrote no cache");
    FileTime written = Files.getLastModifiedTime(cache);
    try (RunningFunction running = launcher.start(hello, JvmFlags.run(cache))) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(running.baseUrl() + "/")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals("hello", response.body());
    }
    assertEquals(cache, launcher.trainedCache(hello, cacheDir, List.of("/")));
    assertEquals(written, Files.getLastModifiedTime(cache), "the cache was reused, not trained again");

    Files.setLastModifiedTime(jar, FileTime.fromMillis(written.toMillis() + 60_000));
    assertNotEquals(cache, launcher.cacheFile(hello, cacheDir), "a rebuilt jar needs a new cache");
  }
}
