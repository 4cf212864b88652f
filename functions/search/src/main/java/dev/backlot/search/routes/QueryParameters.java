package dev.backlot.search.routes;

import dev.backlot.platform.http.HttpError;
import dev.backlot.search.engine.SearchQuery;
import dev.backlot.search.engine.Term;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backstage's query string for {@code GET /query}, as its SearchClient writes it with {@code qs}:
 * {@code term}, {@code types[0]} (or {@code types[]}, {@code types}), {@code filters[kind]} (or
 * {@code filters[tags][0]} for several values), {@code pageCursor} and {@code pageLimit}. Other
 * parameters are ignored, as Backstage's router passes them through. Anything out of its limits is
 * a 400 "Invalid query string: …", as Backstage's InputError says it.
 */
final class QueryParameters {
  static final int DEFAULT_PAGE_LIMIT = 25;
  /** How deep paging may go: offsets past this are refused rather than scanned. */
  static final int MAX_OFFSET = 10_000;
  static final int MAX_FILTERS = 10;
  static final int MAX_FILTER_VALUES = 20;
  static final int MAX_FILTER_VALUE_LENGTH = 200;
  static final int MAX_TYPES = 10;

  private static final Pattern TYPES = Pattern.compile("types(\\[\\d{0,4}])?");
  private static final Pattern FILTER = Pattern.compile("filters\\[([^\\[\\]]*)](\\[\\d{0,4}])?");
  private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

  private QueryParameters() {}

  record Parsed(SearchQuery query, int page, int pageLimit) {}

  static Parsed parse(Map<String, List<String>> parameters, Set<String> knownTypes, int maxPageLimit, int maxTermLength) {
    String term = single(parameters, "term", "");
    if (term.length() > maxTermLength) {
      throw invalid("The term length \"" + term.length() + "\" is greater than \"" + maxTermLength + "\"");
    }
    Term parsed;
    try {
      parsed = Term.parse(term);
    } catch (IllegalArgumentException e) {
      throw invalid(e.getMessage());
    }
    int pageLimit = pageLimit(single(parameters, "pageLimit", null), maxPageLimit);
    int page = page(single(parameters, "pageCursor", null));
    if ((long) page * pageLimit > MAX_OFFSET) {
      throw invalid("The page cursor goes past result " + MAX_OFFSET + "; narrow the search instead");
    }
    Set<String> types = new LinkedHashSet<>();
    Map<String, List<String>> filters = new TreeMap<>();
    for (Map.Entry<String, List<String>> parameter : new TreeMap<>(parameters).entrySet()) {
      if (TYPES.matcher(parameter.getKey()).matches()) {
        for (String type : parameter.getValue()) {
          if (!knownTypes.contains(type)) {
            throw invalid("Unknown document type \"" + shortened(type) + "\"; the types are " + new java.util.TreeSet<>(knownTypes));
          }
          types.add(type);
        }
        continue;
      }
      Matcher filter = FILTER.matcher(parameter.getKey());
      if (filter.matches()) {
        String field = filter.group(1);
        if (!FIELD.matcher(field).matches()) {
          throw invalid("A filter names a document field: letters, digits, '.', '_' or '-', at most 64, not \"" + shortened(field) + "\"");
        }
        List<String> values = filters.computeIfAbsent(field, f -> new ArrayList<>());
        for (String value : parameter.getValue()) {
          if (value.length() > MAX_FILTER_VALUE_LENGTH) {
            throw invalid("A filter value has at most " + MAX_FILTER_VALUE_LENGTH + " characters");
          }
          values.add(value);
        }
        if (values.size() > MAX_FILTER_VALUES) {
          throw invalid("The filter \"" + field + "\" has more than " + MAX_FILTER_VALUES + " values");
        }
      } else if (parameter.getKey().startsWith("filters")) {
        throw invalid("Filters are written filters[field]=value, not \"" + shortened(parameter.getKey()) + "\"");
      }
    }
    if (filters.size() > MAX_FILTERS) {
      throw invalid("More than " + MAX_FILTERS + " filters");
    }
    if (types.size() > MAX_TYPES) {
      throw invalid("More than " + MAX_TYPES + " types");
    }
    filters.values().removeIf(List::isEmpty);
    // Fetch one more than the page to know whether there is a next one, as Backstage's PostgreSQL engine does.
    return new Parsed(new SearchQuery(parsed, types, new LinkedHashMap<>(filters), page * pageLimit, pageLimit + 1), page, pageLimit);
  }

  private static String single(Map<String, List<String>> parameters, String name, String absent) {
    List<String> values = parameters.get(name);
    if (values == null || values.isEmpty()) {
      return absent;
    }
    if (values.size() > 1) {
      throw invalid("\"" + name + "\" is given more than once");
    }
    return values.getFirst();
  }

  private static int pageLimit(String raw, int maxPageLimit) {
    if (raw == null || raw.isEmpty()) {
      return Math.min(DEFAULT_PAGE_LIMIT, maxPageLimit);
    }
    int limit;
    try {
      limit = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw invalid("The page limit \"" + shortened(raw) + "\" is not a whole number");
    }
    if (limit > maxPageLimit) {
      throw invalid("The page limit \"" + limit + "\" is greater than \"" + maxPageLimit + "\"");
    }
    if (limit < 1) {
      throw invalid("The page limit \"" + limit + "\" is less than 1");
    }
    return limit;
  }

  /** Backstage's PostgreSQL engine's cursor: the page number, base64-encoded. */
  static int page(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
      int page = Integer.parseInt(decoded);
      if (page < 0 || decoded.length() > 6) {
        throw new NumberFormatException();
      }
      return page;
    } catch (IllegalArgumentException e) {
      throw invalid("The page cursor \"" + shortened(cursor) + "\" is not one this search gave");
    }
  }

  static String cursor(int page) {
    return Base64.getEncoder().encodeToString(Integer.toString(page).getBytes(StandardCharsets.UTF_8));
  }

  private static String shortened(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }

  private static HttpError invalid(String message) {
    return HttpError.inputError("Invalid query string: " + message);
  }
}
