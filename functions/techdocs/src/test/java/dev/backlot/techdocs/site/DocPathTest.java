package dev.backlot.techdocs.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DocPathTest {
  @Test
  void decodesEscapesAndKeepsPlusSigns() {
    assertEquals("a b/c+d.html", DocPath.resolve("a%20b/c+d.html"));
    assertEquals("caf\u00e9.png", DocPath.resolve("caf%C3%A9.png"));
  }

  @Test
  void foldersMeanTheirIndex() {
    assertEquals("index.html", DocPath.resolve(""));
    assertEquals("guide/index.html", DocPath.resolve("guide/"));
  }

  @Test
  void dotsInsideNamesAreFine() {
    assertEquals("v1..2/notes...md", DocPath.resolve("v1..2/notes...md"));
    assertEquals(".well-known/x", DocPath.resolve(".well-known/x"));
  }

  @Test
  void overlongPathsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> DocPath.resolve("a/".repeat(300)));
  }
}
