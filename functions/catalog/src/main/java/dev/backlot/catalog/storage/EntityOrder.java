package dev.backlot.catalog.storage;

import dev.backlot.platform.http.HttpError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Backstage's {@code order=asc:metadata.name} parameters: each sorts by the field's value,
 * entities without the field last, ties broken by uid.
 */
public record EntityOrder(List<Field> fields) {
  /** Sort keys per request: each costs two subqueries per entity compared. */
  static final int MAX_FIELDS = 10;

  public record Field(String key, boolean ascending) {}

  public static EntityOrder parse(List<String> parameters) {
    List<Field> fields = new ArrayList<>();
    for (String parameter : parameters) {
      for (String item : parameter.split(",")) {
        String trimmed = item.trim();
        int colon = trimmed.indexOf(':');
        String direction = colon < 0 ? "" : trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
        String field = colon < 0 ? "" : trimmed.substring(colon + 1).trim();
        if (field.isEmpty() || !(direction.equals("asc") || direction.equals("desc"))) {
          throw HttpError.inputError("Invalid order parameter \"" + trimmed + "\", expected \"<asc or desc>:<field name>\"");
        }
        fields.add(new Field(field.toLowerCase(Locale.ROOT), direction.equals("asc")));
        if (fields.size() > MAX_FIELDS) {
          throw HttpError.inputError("request/query/order must NOT have more than " + MAX_FIELDS + " items");
        }
      }
    }
    return new EntityOrder(List.copyOf(fields));
  }

  /** Only the first field: Backstage's unpaged {@code GET /entities} sorts by that one alone. */
  public EntityOrder firstOnly() {
    return fields.size() <= 1 ? this : new EntityOrder(List.of(fields.get(0)));
  }

  /** ORDER BY terms over {@code e}, adding their parameters; entity ref order when none is given. */
  String sql(List<Object> parameters) {
    if (fields.isEmpty()) {
      return "e.entity_ref";
    }
    List<String> terms = new ArrayList<>();
    for (Field field : fields) {
      String value = "(SELECT MIN(s.value) FROM search s WHERE s.entity = e.id AND s.key = ?)";
      terms.add("CASE WHEN " + value + " IS NULL THEN 1 ELSE 0 END");
      terms.add(value + (field.ascending() ? " ASC" : " DESC"));
      parameters.add(field.key());
      parameters.add(field.key());
    }
    terms.add("e.entity_id");
    return String.join(", ", terms);
  }
}
