package dev.backlot.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;

/** Lays out a Backlot checkout in a temp folder with built plugins made from test classes. */
final class PortalFixture {
  private PortalFixture() {}

  static Path checkout(Path root) throws IOException {
    Files.createDirectories(root.resolve("functions"));
    Files.writeString(root.resolve("app-config.yaml"), """
        backend:
          database:
            client: better-sqlite3
            connection:
              directory: %s
          auth:
            userTokens:
              jwksUrl: ${BACKLOT_USER_JWKS_URL}
              issuer: backlot
              audience: backlot
            serviceTokens:
              local:
                privateKey: ${BACKLOT_SERVICE_KEY}
        """.formatted(root.resolve(".backlot")));
    return root;
  }

  /** Adds functions/<id> with a plugin.yaml and a built jar holding {@code classes} and the manifest. */
  static void plugin(Path root, String id, Class<?> entryPoint, String extraManifest, Class<?>... classes) throws IOException {
    plugin(root, id, entryPoint, extraManifest,
        "CREATE TABLE things (name VARCHAR(50));\nINSERT INTO things (name) VALUES ('from " + id + "');\n", classes);
  }

  /** As above, with {@code migration} as its one migration. */
  static void plugin(Path root, String id, Class<?> entryPoint, String extraManifest, String migration, Class<?>... classes) throws IOException {
    Path dir = Files.createDirectories(root.resolve("functions").resolve(id).resolve("target"));
    String manifest = "id: " + id + "\nentryPoint: " + entryPoint.getName() + "\ndatabase: true\nsmokeTest: /things\n"
        + "schedules:\n  - {path: /tick, everyMinutes: 30}\n" + extraManifest;
    Files.writeString(dir.getParent().resolve("plugin.yaml"), manifest);
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve("function.jar")))) {
      // Directory entries, as Maven writes them: class loaders find folders through them.
      for (String folder : List.of("backlot/", "db/", "db/migrations/")) {
        jar.putNextEntry(new JarEntry(folder));
        jar.closeEntry();
      }
      add(jar, "backlot/plugin.yaml", manifest.getBytes());
      add(jar, "db/migrations/V1__things.sql", migration.getBytes());
      for (Class<?> type : classes) {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
          add(jar, resource, in.readAllBytes());
        }
      }
    }
    Files.writeString(dir.resolve("runtime-classpath.txt"), dependencies());
  }

  /** The test's class path minus its own test classes, which the plugin jars carry instead. */
  static String dependencies() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  static void jar(Path file, List<Class<?>> classes) throws IOException {
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file))) {
      for (Class<?> type : classes) {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
          add(jar, resource, in.readAllBytes());
        }
      }
    }
  }

  private static void add(JarOutputStream jar, String name, byte[] bytes) throws IOException {
    jar.putNextEntry(new JarEntry(name));
    OutputStream out = jar;
    out.write(bytes);
    jar.closeEntry();
  }
}
