package dev.backlot.search.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * One document to index: its {@code type} (a collator's, e.g. {@code software-catalog}), its
 * {@code key} within the type (an entity ref), the JSON Backstage's search API answers with
 * ({@code title}, {@code text}, {@code location} and the type's own fields), the values filters
 * match ({@code kind → [component]}, {@code tags → [java, payments]}), and the ref of the
 * resource whose read permission governs it (null: none).
 */
public record SearchDocument(String type, String key, ObjectNode document, Map<String, List<String>> fields, String resourceRef) {
  /** Indexed text is cut here: a document's first 32k characters say what it is about. */
  public static final int MAX_TEXT_CHARS = 32_768;

  public String title() {
    return clean(document.path("title").asText(""));
  }

  public String text() {
    return clean(document.path("text").asText(""));
  }

  /** The filter values as one more text to search, with less weight than title and text. */
  public String keywords() {
    StringBuilder keywords = new StringBuilder();
    fields.values().forEach(values -> values.forEach(value -> keywords.append(value).append(' ')));
    return clean(keywords.toString().strip());
  }

  /** Without the characters that mark highlights, and cut to {@link #MAX_TEXT_CHARS}. */
  static String clean(String text) {
    String cleaned = text.replace(Highlights.START, ' ').replace(Highlights.END, ' ');
    return cleaned.length() > MAX_TEXT_CHARS ? cleaned.substring(0, MAX_TEXT_CHARS) : cleaned;
  }
}
