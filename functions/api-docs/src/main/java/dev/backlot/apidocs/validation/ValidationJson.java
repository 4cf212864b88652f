package dev.backlot.apidocs.validation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A {@link Validation} as JSON: the shape the API answers with and the version's stored report.
 * At most {@link #MAX_LISTED} errors and as many warnings are listed; the counts are the totals.
 */
public final class ValidationJson {
  /**
   * The most errors, and the most warnings, a report lists: a definition that breaks one rule in
   * each of a thousand operations says so in the first ones and the count of the rest.
   */
  public static final int MAX_LISTED = 200;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ValidationJson() {}

  public static ObjectNode write(Validation validation) {
    ObjectNode node = NODES.objectNode();
    node.put("valid", validation.valid());
    node.put("format", validation.format().id());
    node.put("specVersion", validation.specVersion());
    node.put("title", validation.title());
    node.put("apiVersion", validation.apiVersion());
    node.put("errorCount", validation.errors().size());
    node.put("warningCount", validation.warnings().size());
    node.set("errors", problems(validation.errors()));
    node.set("warnings", problems(validation.warnings()));
    if (validation.note() != null) {
      node.put("note", validation.note());
    }
    return node;
  }

  public static ArrayNode problems(List<Problem> problems) {
    ArrayNode array = NODES.arrayNode();
    for (Problem problem : problems.subList(0, Math.min(problems.size(), MAX_LISTED))) {
      ObjectNode item = array.addObject().put("message", problem.message());
      if (problem.location() != null) {
        item.put("location", problem.location());
      }
    }
    return array;
  }
}
