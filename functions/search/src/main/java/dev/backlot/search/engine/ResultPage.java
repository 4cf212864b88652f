package dev.backlot.search.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** One page of results, best first, and how many documents match in all. */
public record ResultPage(List<Hit> hits, long total) {
  /** A document found; {@code highlight} maps field names to text with the tags around matches (empty: no term). */
  public record Hit(String type, String key, ObjectNode document, String resourceRef, Map<String, String> highlight) {}
}
