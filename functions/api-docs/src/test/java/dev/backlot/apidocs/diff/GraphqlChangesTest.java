package dev.backlot.apidocs.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.apidocs.Specs;
import org.junit.jupiter.api.Test;

/** GraphQL schemas compared with graphql-java's schema diff, its classification kept. */
class GraphqlChangesTest {
  private static final String BASE = """
      type Query { book(id: ID!): Book, books(first: Int): [Book!]! }
      type Book { id: ID!, title: String!, subtitle: String, author: Author }
      type Author { name: String! }
      """;

  private static DiffReport compare(String older, String newer) {
    return new BreakingChanges().compareGraphql(older, newer);
  }

  private static Finding only(DiffReport report, String type) {
    Change change = report.changes().stream().filter(c -> c.path().equals(type)).findFirst()
        .orElseThrow(() -> new AssertionError("no change to " + type + " in\n" + report.summary()));
    return change.findings().get(0);
  }

  @Test
  void aRemovedFieldIsBreaking() {
    DiffReport report = compare(BASE, BASE.replace(", subtitle: String", ""));
    assertTrue(report.breaking());
    assertEquals("graphql", report.format());
    Finding removed = only(report, "Book");
    assertEquals("graphql-field-removed", removed.rule());
    assertEquals("subtitle", removed.at());
    assertEquals("object Book", report.changes().get(0).subject());
  }

  @Test
  void aRemovedTypeBreaksTheFieldsThatReturnedIt() {
    // graphql-java walks the schema from its operations: what is gone shows where clients reached it.
    DiffReport report = compare(BASE, BASE.replace(", author: Author", "").replace("type Author { name: String! }\n", ""));
    assertTrue(report.breaking(), report.summary());
    assertEquals("graphql-field-removed", only(report, "Book").rule());
  }

  @Test
  void aRemovedEnumValueIsBreaking() {
    String withGenre = BASE.replace("author: Author }", "author: Author, genre: Genre }") + "enum Genre { NOVEL POETRY }\n";
    DiffReport report = compare(withGenre, withGenre.replace(" POETRY", ""));
    assertTrue(report.breaking(), report.summary());
    assertTrue(only(report, "Genre").breaking());
  }

  @Test
  void aNewRequiredArgumentIsNamed() {
    DiffReport report = compare(BASE, BASE.replace("books(first: Int)", "books(first: Int, shelf: ID!)"));
    Finding finding = only(report, "Query");
    assertEquals("graphql-argument-stricter", finding.rule());
    assertEquals("books(shelf)", finding.at());
  }

  @Test
  void anOutputFieldThatMayNowBeNullIsBreaking() {
    DiffReport report = compare(BASE, BASE.replace("title: String!", "title: String"));
    assertTrue(report.breaking(), report.summary());
    assertEquals("title", only(report, "Book").at());
  }

  @Test
  void aNewRequiredArgumentIsBreaking() {
    DiffReport report = compare(BASE, BASE.replace("books(first: Int)", "books(first: Int, shelf: ID!)"));
    assertTrue(report.breaking(), report.summary());
    assertTrue(only(report, "Query").breaking());
  }

  @Test
  void anArgumentMadeNonNullIsBreaking() {
    DiffReport report = compare(BASE, BASE.replace("books(first: Int)", "books(first: Int!)"));
    assertTrue(report.breaking(), report.summary());
  }

  @Test
  void anAddedFieldIsCompatible() {
    DiffReport report = compare(BASE, BASE.replace("name: String!", "name: String!, born: Int"));
    assertFalse(report.breaking(), report.summary());
    assertEquals("graphql-field-added", only(report, "Author").rule());
  }

  @Test
  void theSameSchemaHasNoChanges() {
    String bookshop = Specs.text("bookshop.graphql");
    assertEquals("no_changes", compare(bookshop, bookshop).result());
  }

  @Test
  void anUnreadableSchemaCannotBeCompared() {
    assertThrows(IllegalArgumentException.class, () -> compare(BASE, "type Query { broken"));
  }
}
