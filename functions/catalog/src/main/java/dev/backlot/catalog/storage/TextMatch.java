package dev.backlot.catalog.storage;

import java.util.List;
import java.util.Locale;

/**
 * Backstage's full-text filter: an entity matches when one of its values of the given fields
 * holds the trimmed term as a substring, ignoring case (values and term are both lower-cased).
 * LIKE wildcards in the term are literal. Field names are inlined as checked literals, so that
 * PostgreSQL can prove a query is covered by the partial trigram index on names and titles.
 *
 * @param keys the fields, lower-case and checked
 * @param pattern the {@code LIKE} pattern of the term
 */
record TextMatch(List<String> keys, String pattern) {
  /** The match of {@code term} in {@code fields}; null when either is blank, so that nothing is filtered. */
  static TextMatch of(String term, List<String> fields) {
    if (term == null || term.isBlank() || fields.isEmpty()) {
      return null;
    }
    return new TextMatch(fields.stream().map(QueryPlan::checkedField).distinct().toList(),
        "%" + FilterConditions.escapeLike(term.trim().toLowerCase(Locale.ROOT)) + "%");
  }

  /** The condition on search row {@code t} that it is a matching value. */
  String rows(List<Object> parameters) {
    parameters.add(pattern);
    return "t.key IN (" + String.join(", ", keys.stream().map(k -> "'" + k + "'").toList()) + ") AND t.value LIKE ? ESCAPE '!'";
  }

  /**
   * The same, probed for one entity at a time (through the {@code (entity, key, value)} index).
   * {@code OFFSET 0} keeps PostgreSQL from turning the probe into a join with every match: it
   * underestimates {@code LIKE '%term%'} and would read all 8,300 matches of a common term at
   * 100k entities to check a walk of a thousand rows.
   */
  String exists(String id, List<Object> parameters) {
    return "EXISTS (SELECT 1 FROM search t WHERE t.entity = " + id + " AND " + rows(parameters) + " LIMIT 1 OFFSET 0)";
  }

  /** The condition that value column {@code value} itself holds the term. */
  String value(String value, List<Object> parameters) {
    parameters.add(pattern);
    return value + " LIKE ? ESCAPE '!'";
  }

  /** This match without field {@code key}; null when it was the only one. */
  TextMatch without(String key) {
    List<String> rest = keys.stream().filter(k -> !k.equals(key)).toList();
    return rest.isEmpty() ? null : new TextMatch(rest, pattern);
  }

  /** The condition that the entity with internal id {@code id} matches. */
  String condition(String id, List<Object> parameters) {
    return id + " IN (SELECT t.entity FROM search t WHERE " + rows(parameters) + ")";
  }
}
