package dev.backlot.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.manifest.PluginManifest;
import dev.backlot.platform.manifest.PluginManifests;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cloud Storage's client (35 jars of its own) is on the class path of exactly the plugins with a
 * blob store, complete enough to link: every jar a function starts with costs its cold start,
 * and a test-scoped copy once hid half of the client from api-docs' image.
 */
class BlobStoreClasspathTest {
  @Test
  void pluginsWithABlobStoreCanLinkTheCloudStorageStoreAndTheOthersStartWithoutIt() throws Exception {
    Path functions = LocalPortal.findRoot(Path.of("").toAbsolutePath()).resolve("functions");
    List<PluginManifest> manifests = PluginManifests.load(functions);
    assertTrue(manifests.stream().anyMatch(PluginManifest::blobStore), "api-docs keeps definitions in the blob store");
    for (PluginManifest manifest : manifests) {
      List<Path> classpath = FunctionClasspath.of(functions, manifest);
      boolean hasClient = classpath.stream().anyMatch(jar -> jar.getFileName().toString().startsWith("google-cloud-storage-"));
      if (!manifest.blobStore()) {
        assertFalse(hasClient, manifest.id() + " has no blob store but carries Cloud Storage's client");
        continue;
      }
      URL[] urls = classpath.stream().map(BlobStoreClasspathTest::url).toArray(URL[]::new);
      try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
        // Listing the methods resolves every type in their signatures: a missing jar fails here,
        // not on the first definition published in GCP.
        Class<?> store = Class.forName("dev.backlot.platform.blob.GcsBlobStore", false, loader);
        assertTrue(store.getDeclaredMethods().length > 0);
        Class<?> options = Class.forName("com.google.cloud.storage.StorageOptions", false, loader);
        assertTrue(options.getDeclaredMethods().length > 0, manifest.id());
      }
    }
  }

  private static URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (java.net.MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
