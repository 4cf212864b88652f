package dev.backlot.search.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WordStemsTest {
  @Test
  void commonEnglishSuffixesComeOffAndTheStemIsAPrefixOfTheWord() {
    Map<String, String> stems = Map.of("running", "run", "services", "servic", "libraries", "librar", "payments", "payment",
        "pay", "pay", "deploy", "deploy", "shipped", "ship", "nightly", "night", "configuration", "configur", "calls", "call");
    stems.forEach((word, stem) -> {
      assertEquals(stem, WordStems.stem(word), word);
      assertTrue(word.startsWith(WordStems.stem(word)));
    });
  }

  @Test
  void shortWordsStayWhole() {
    assertEquals("use", WordStems.stem("uses"));
    assertEquals("used", WordStems.stem("used"));
    assertEquals("bus", WordStems.stem("bus"));
  }
}
