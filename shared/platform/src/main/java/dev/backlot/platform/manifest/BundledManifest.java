package dev.backlot.platform.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The manifest a function's jar carries as {@code backlot/plugin.yaml} (the build copies it there). */
public final class BundledManifest {
  public static final String RESOURCE = "backlot/plugin.yaml";

  private BundledManifest() {}

  public static PluginManifest of(Class<?> function) {
    ClassLoader loader = function.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new InvalidManifestException(
            RESOURCE + " is not on the class path of " + function.getName()
                + "; functions/<id>/pom.xml must inherit from backlot-functions, which packages it");
      }
      return PluginManifestParser.parse(in, RESOURCE + " of " + function.getName());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
