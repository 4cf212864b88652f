package dev.backlot.search.engine;

import java.util.List;

/**
 * English suffixes taken off a query word for SQLite, which then matches the rest as a prefix:
 * {@code running} → {@code run*}, {@code services} → {@code servic*}, {@code libraries} →
 * {@code librar*}. The result is always a prefix of the word, so the word itself still matches.
 *
 * <p>Why not FTS5's porter tokenizer: it stems the query's prefix too, and not always to a prefix
 * of the indexed stem ({@code pay} becomes {@code pai}, which misses {@code payments}; {@code
 * deploy} becomes {@code deploi}, which misses {@code deployment}). Indexing words as they are and
 * cutting suffixes from the query matches what PostgreSQL's stemming plus prefix matching finds,
 * sometimes a little more.
 */
final class WordStems {
  private static final List<String> SUFFIXES = List.of("ational", "ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s");
  private static final int MIN_STEM = 3;

  private WordStems() {}

  static String stem(String word) {
    for (String suffix : SUFFIXES) {
      if (word.endsWith(suffix) && word.length() - suffix.length() >= MIN_STEM) {
        String stem = word.substring(0, word.length() - suffix.length());
        boolean doubled = stem.length() > MIN_STEM && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2)
            && "lsz".indexOf(stem.charAt(stem.length() - 1)) < 0;
        return (suffix.startsWith("ing") || suffix.equals("ed")) && doubled ? stem.substring(0, stem.length() - 1) : stem;
      }
    }
    return word;
  }
}
