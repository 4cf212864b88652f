package dev.backlot.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@link LoopbackInvoker} as a jar of its own, for the end of a function's class path: the JVM
 * writes an AOT cache only for a class path of jars, and this portal's classes are a folder when
 * it runs from its build. The jar's bytes depend on the classes alone, and the file is rewritten
 * only when they change, so a function's AOT cache stays valid from one start to the next.
 */
final class LoopbackInvokerJar {
  static final String NAME = "loopback-invoker.jar";
  /** Its classes, by name: the nested one extends Jetty's, which the JVM writing the jar may not have. */
  private static final List<String> CLASSES = List.of(LoopbackInvoker.class.getName(), LoopbackInvoker.class.getName() + "$NoErrorBody");

  private LoopbackInvokerJar() {}

  /** The jar in {@code dir}, written there first when it is missing or holds other classes. */
  static Path in(Path dir) {
    Path file = dir.resolve(NAME);
    try {
      byte[] jar = build();
      if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), jar)) {
        Files.createDirectories(dir);
        Files.write(file, jar);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static byte[] build() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream jar = new ZipOutputStream(bytes)) {
      for (String type : CLASSES) {
        String name = type.replace('.', '/') + ".class";
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0);
        jar.putNextEntry(entry);
        try (InputStream in = LoopbackInvoker.class.getClassLoader().getResourceAsStream(name)) {
          in.transferTo(jar);
        }
        jar.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
