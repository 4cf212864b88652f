package dev.backlot.search.engine;

/**
 * How matches are highlighted ({@code search.highlightOptions}): the tags around a match, whether
 * to highlight at all, and how many words of text a highlight shows.
 *
 * <p>Each engine marks matches with two private-use characters, which indexed text never contains
 * ({@link SearchDocument#clean}); they become the configured tags only in the answer, so no tag can
 * break ts_headline's option syntax or FTS5's arguments.
 */
public record Highlights(String preTag, String postTag, boolean enabled, int maxWords) {
  static final char START = '\uE000';
  static final char END = '\uE001';

  /** {@code <em>} as Backstage's Elasticsearch engine; 35 words as its PostgreSQL engine. */
  public static final Highlights DEFAULT = new Highlights("<em>", "</em>", true, 35);

  public Highlights {
    if (preTag.isEmpty() || postTag.isEmpty() || preTag.length() > 64 || postTag.length() > 64) {
      throw new IllegalArgumentException("search.highlightOptions preTag and postTag must have 1 to 64 characters");
    }
    if (maxWords < 3 || maxWords > 200) {
      throw new IllegalArgumentException("search.highlightOptions.maxWords must be between 3 and 200, not " + maxWords);
    }
  }

  String tagged(String marked) {
    return marked == null ? "" : marked.replace(String.valueOf(START), preTag).replace(String.valueOf(END), postTag);
  }
}
