package dev.backlot.search.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlot.platform.db.Database;
import dev.backlot.search.TestSearchPlugin;
import dev.backlot.testing.DatabaseTest;
import dev.backlot.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Terms written to break a tsquery or an FTS5 MATCH expression: each is parsed into words, so
 * both engines answer (with what the words match) instead of failing with a syntax error.
 */
class HostileTermsTest {
  static final List<String> HOSTILE = List.of(
      "'", "''", "\\", "'payments' & !", "pay:*", "(((", ")", "a | b & !c <-> d", "!!payments", "payments:A", "<2>",
      "\"", "\"\"", "\"unclosed payments", "NEAR(payments ledger, 2)", "title:payments", "{title text}: payments", "^payments",
      "payments*", "* OR *", "payments AND OR NOT", "- -", "-", "--payments", "-\"\"", "\u0000payments", "pay\u0000ments", "%_%",
      "payments; DROP TABLE search_documents; --", "\uE000payments\uE001", "🔥 payments", "ｐａｙｍｅｎｔｓ", "e\u0301", "x".repeat(100));

  @DatabaseTest
  void noTermIsASyntaxErrorOnEitherEngine(TestDatabase db) throws Exception {
    SearchEngine engine = SearchEngine.on(TestSearchPlugin.empty(Database.connect(db.jdbcUrl())), Highlights.DEFAULT);
    engine.upsert(SearchEngineTest.DOCUMENTS, 1);
    for (String term : HOSTILE) {
      engine.query(new SearchQuery(Term.parse(term), Set.of(), Map.of(), 0, 5));
    }
    assertEquals(List.of("payments"), engine.query(new SearchQuery(Term.parse("(((card))) !!shop* -'ledger'"), Set.of(), Map.of(), 0, 5))
        .hits().stream().map(ResultPage.Hit::key).toList(), "words inside operators still match");
    assertEquals(5, engine.query(new SearchQuery(Term.parse("'"), Set.of(), Map.of(), 0, 10)).total(), "a term without words matches everything");
  }

  @DatabaseTest
  void filterValuesAreParametersNotSql(TestDatabase db) throws Exception {
    SearchEngine engine = SearchEngine.on(TestSearchPlugin.empty(Database.connect(db.jdbcUrl())), Highlights.DEFAULT);
    engine.upsert(SearchEngineTest.DOCUMENTS, 1);
    assertEquals(0, engine.query(new SearchQuery(Term.EMPTY, Set.of("x' OR '1'='1"), Map.of("kind", List.of("x') OR 1=1 --")), 0, 5)).total());
  }

  @Test
  void onlyLettersAndDigitsReachTheEngines() {
    Term term = Term.parse("-\"a:b\" pay:* NEAR(x) 'c'");
    assertEquals(List.of(new Term.Group(List.of("pay"), true), new Term.Group(List.of("near", "x"), false), new Term.Group(List.of("c"), true)), term.include());
    assertEquals(List.of(new Term.Group(List.of("a", "b"), false)), term.exclude());
    for (String hostile : HOSTILE) {
      Term parsed = Term.parse(hostile);
      for (Term.Group group : parsed.include()) {
        group.words().forEach(word -> assertTrue(word.codePoints().allMatch(Character::isLetterOrDigit), word));
      }
    }
  }

  @Test
  void aTermWithTooManyWordsIsRefused() {
    String many = String.join(" ", java.util.Collections.nCopies(Term.MAX_GROUPS + 1, "w"));
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Term.parse(many));
    assertEquals("The term has more than 16 words and phrases", refused.getMessage());
    Term.parse(String.join(" ", java.util.Collections.nCopies(Term.MAX_GROUPS, "w")));
  }
}
