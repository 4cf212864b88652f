package dev.backlot.search.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to find: the parsed term, the document types (empty: all), the filters (field → any of
 * these values, lower-case; every field must match), and the page.
 */
public record SearchQuery(Term term, Set<String> types, Map<String, List<String>> filters, int offset, int limit) {}
