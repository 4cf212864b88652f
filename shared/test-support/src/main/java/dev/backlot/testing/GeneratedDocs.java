package dev.backlot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Parts of the docs that code generates (route tables), kept between {@code <!-- generated:NAME -->}
 * and {@code <!-- /generated:NAME -->} in a Markdown page. A test compares them with what the code
 * says now and fails when they are stale; run it with {@code -Dbacklot.writeDocs=true} to rewrite
 * them.
 */
public final class GeneratedDocs {
  private GeneratedDocs() {}

  /** The repository's root, found from a module's working directory. */
  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  public static void assertCurrent(Path page, String name, String content) throws IOException {
    String begin = "<!-- generated:" + name + " (" + "-Dbacklot.writeDocs=true rewrites it) -->\n";
    String end = "<!-- /generated:" + name + " -->";
    String text = Files.isRegularFile(page) ? Files.readString(page) : "";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    String current = from >= 0 && to > from ? text.substring(from + begin.length(), to) : null;
    if (Boolean.getBoolean("backlot.writeDocs")) {
      String section = begin + content + end;
      Files.writeString(page, current != null ? text.substring(0, from) + section + text.substring(to + end.length())
          : text + (text.isEmpty() || text.endsWith("\n\n") ? "" : "\n") + section + "\n");
      return;
    }
    assertEquals(content, current, page + ": the generated section '" + name + "' is stale; run the test with -Dbacklot.writeDocs=true");
  }
}
