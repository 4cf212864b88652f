package dev.backlot.search.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A search term as people type it, parsed once into what both engines understand: words and
 * "quoted phrases" to find, and -words or -"phrases" to leave out. Only letters and digits reach
 * an engine's query syntax (each engine quotes them its own way), so no input can make a
 * tsquery or FTS5 syntax error, or smuggle an operator in.
 *
 * <p>A word outside quotes also matches as a prefix ({@code pay} finds {@code payments}), as
 * Backstage's PostgreSQL engine does; a word with punctuation inside ({@code payments-api},
 * {@code v1.2}) is the phrase of its parts, as both engines split it when indexing.
 */
public record Term(List<Group> include, List<Group> exclude) {
  /** At most this many words and phrases in a term; more is a 400. */
  public static final int MAX_GROUPS = 16;

  /** Words that must appear in order; {@code prefix} when the last may continue. */
  public record Group(List<String> words, boolean prefix) {}

  public static final Term EMPTY = new Term(List.of(), List.of());

  public boolean isEmpty() {
    return include.isEmpty() && exclude.isEmpty();
  }

  /** Parses {@code raw}; an {@link IllegalArgumentException} says what is wrong with it. */
  public static Term parse(String raw) {
    List<Group> include = new ArrayList<>();
    List<Group> exclude = new ArrayList<>();
    int i = 0;
    int n = raw.length();
    while (i < n) {
      char c = raw.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      boolean negated = false;
      if (c == '-' && i + 1 < n && !Character.isWhitespace(raw.charAt(i + 1))) {
        negated = true;
        i++;
        c = raw.charAt(i);
      }
      String text;
      boolean quoted = c == '"';
      if (quoted) {
        int end = raw.indexOf('"', i + 1);
        // An unclosed quote runs to the end, as websearch_to_tsquery reads it.
        end = end < 0 ? n : end;
        text = raw.substring(i + 1, end);
        i = end + 1;
      } else {
        int end = i;
        while (end < n && !Character.isWhitespace(raw.charAt(end)) && raw.charAt(end) != '"') {
          end++;
        }
        text = raw.substring(i, end);
        i = end;
      }
      List<String> words = words(text);
      if (words.isEmpty()) {
        continue;
      }
      (negated ? exclude : include).add(new Group(words, !quoted && words.size() == 1));
      if (include.size() + exclude.size() > MAX_GROUPS) {
        throw new IllegalArgumentException("The term has more than " + MAX_GROUPS + " words and phrases");
      }
    }
    return new Term(List.copyOf(include), List.copyOf(exclude));
  }

  /** The runs of letters and digits in {@code text}, lower-cased. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    text.codePoints().forEach(cp -> {
      if (Character.isLetterOrDigit(cp)) {
        word.appendCodePoint(cp);
      } else if (!word.isEmpty()) {
        words.add(word.toString().toLowerCase(Locale.ROOT));
        word.setLength(0);
      }
    });
    if (!word.isEmpty()) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
    }
    return words;
  }
}
