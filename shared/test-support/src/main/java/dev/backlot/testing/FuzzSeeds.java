package dev.backlot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Seed inputs for {@code @FuzzTest} methods ({@code @MethodSource}): the repository's own files and
 * hand-written samples. Regression runs execute each seed once; fuzzing starts from them.
 */
public final class FuzzSeeds {
  private FuzzSeeds() {}

  /** The bytes of each file, paths relative to the module directory tests run in ({@code ../../examples/...}). */
  public static Stream<byte[]> files(String... paths) {
    return Arrays.stream(paths).map(path -> {
      try {
        return Files.readAllBytes(Path.of(path));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Each text as UTF-8. */
  public static Stream<byte[]> texts(String... texts) {
    return Arrays.stream(texts).map(text -> text.getBytes(StandardCharsets.UTF_8));
  }

  /** An input whose first byte is {@code choice} (which branch of the fuzz test it takes), then {@code rest} as UTF-8. */
  public static byte[] choosing(int choice, String rest) {
    return (Character.toString(choice) + rest).getBytes(StandardCharsets.UTF_8);
  }
}
