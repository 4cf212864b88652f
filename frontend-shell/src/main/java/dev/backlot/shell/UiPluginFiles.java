package dev.backlot.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The installed UI plugins (docs/ui-plugins.md), from {@code backlot.uiPlugins.folder}: locally a
 * folder {@code ./backlot start} builds plugins/ into, in GCP the UI plugin bucket mounted into the
 * shell's container. {@code /ui-plugins/manifest.json} is revalidated on every load, so installing
 * or rolling back a plugin is writing that one file; the bundles it names are content-hashed and
 * never change, so they are cached for a year. Only {@code bundles/} is served besides the
 * manifest (not the manifest history), and only to a signed-in person, like every page.
 */
@RestController
class UiPluginFiles implements WebMvcConfigurer {
  static final String NO_PLUGINS = "{\"plugins\":[]}";
  /** A manifest larger than this is not one the portal could load (at most 100 plugins). */
  static final long MAX_MANIFEST_BYTES = 256 * 1024;

  private final Path folder;

  UiPluginFiles(@Value("${backlot.ui-plugins.folder:}") String folder) {
    this.folder = folder.isBlank() ? null : Path.of(folder).toAbsolutePath().normalize();
  }

  @GetMapping(path = "/ui-plugins/manifest.json", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> manifest() throws IOException {
    Path manifest = folder == null ? null : folder.resolve("manifest.json");
    String body = NO_PLUGINS;
    if (manifest != null && Files.isRegularFile(manifest)) {
      if (Files.size(manifest) > MAX_MANIFEST_BYTES) {
        throw new IllegalStateException(manifest + " is larger than " + MAX_MANIFEST_BYTES + " bytes");
      }
      body = Files.readString(manifest);
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.APPLICATION_JSON).body(body);
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    if (folder == null) {
      return;
    }
    // Spring's PathResourceResolver serves only files below this location: "..", encoded or not,
    // never climbs out (and the firewall refuses such paths before they get here). Private: only
    // a signed-in browser gets a bundle, so no shared cache may hand it to anyone else.
    registry.addResourceHandler("/ui-plugins/bundles/**").addResourceLocations(folder.resolve("bundles").toUri().toString())
        .setCacheControl(CacheControl.maxAge(365, TimeUnit.DAYS).cachePrivate().immutable());
  }
}
