package dev.backlot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds a plugin.yaml's {@code settings} to the config keys the plugin's code reads, as a
 * recording config saw them while the function started (every plugin reads its config then).
 * A key inside a list item counts as the list ({@code catalog.locations[0].type} is
 * {@code catalog.locations}); a section read only to reach keys under it counts as those keys
 * ({@code catalog.github} is {@code catalog.github.maxAttempts}, …). The platform's own keys, set
 * once for every plugin, are not listed per plugin: {@code backend.*} (database, cache, auth,
 * base URL), {@code backlot.*}, {@code blobStore} and {@code permission.enabled} (whether the
 * permission function decides for people); {@code backend.reading.*} is the URL
 * reader's allow-list, read by the plugin's own code, so it is listed.
 */
public final class ManifestSettings {
  private ManifestSettings() {}

  /** Fails naming the keys read but not listed, and those listed but not read. */
  public static void assertListedAsRead(String pluginId, List<String> settings, Set<String> reads) {
    Set<String> read = pluginKeys(reads);
    Set<String> listed = new TreeSet<>(settings);
    Set<String> unlisted = new TreeSet<>(read);
    unlisted.removeAll(listed);
    Set<String> unread = new TreeSet<>(listed);
    unread.removeAll(read);
    assertEquals("", (unlisted.isEmpty() ? "" : "read but not in settings: " + unlisted + "; ")
        + (unread.isEmpty() ? "" : "in settings but never read: " + unread),
        "functions/" + pluginId + "/plugin.yaml's settings must name exactly the config keys the plugin reads");
  }

  static Set<String> pluginKeys(Set<String> reads) {
    Set<String> keys = new TreeSet<>();
    for (String read : reads) {
      int item = read.indexOf('[');
      String key = item >= 0 ? read.substring(0, item) : read;
      if (!isPlatformKey(key)) {
        keys.add(key);
      }
    }
    keys.removeIf(key -> keys.stream().anyMatch(other -> other.startsWith(key + ".")));
    return keys;
  }

  private static boolean isPlatformKey(String key) {
    if (key.equals("backend.reading") || key.startsWith("backend.reading.")) {
      return false;
    }
    return key.equals("backend") || key.startsWith("backend.") || key.equals("backlot") || key.startsWith("backlot.")
        || key.equals("blobStore") || key.startsWith("blobStore.") || key.equals("permission.enabled");
  }
}
