package dev.backlot.techdocs.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PagePathsTest {
  @Test
  void pagesGetFoldersOfTheirOwnAsWithMkdocsDirectoryUrls() {
    assertEquals("", PagePaths.url("index.md"));
    assertEquals("a/", PagePaths.url("a/README.md"));
    assertEquals("a/b/", PagePaths.url("a/b.md"));
  }

  @Test
  void relativeUrlsBetweenFolders() {
    assertEquals("../../", PagePaths.relative("a/b/", ""));
    assertEquals("./", PagePaths.relative("a/", "a/"));
    assertEquals("../c/", PagePaths.relative("a/b/", "a/c/"));
    assertEquals("../img/x.png", PagePaths.relative("a/", "img/x.png"));
  }

  @Test
  void linksResolveAgainstThePageButNeverAboveTheDocs() {
    assertEquals(Optional.of("b.md"), PagePaths.resolve("a/x.md", "../b.md"));
    assertEquals(Optional.empty(), PagePaths.resolve("x.md", "../b.md"));
  }
}
