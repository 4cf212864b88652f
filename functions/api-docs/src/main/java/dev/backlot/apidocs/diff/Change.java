package dev.backlot.apidocs.diff;

import java.util.List;

/**
 * One difference between two versions, at the level of an operation.
 *
 * @param kind {@code endpoint-removed}, {@code endpoint-added}, {@code endpoint-deprecated} or
 *     {@code operation-changed}
 * @param method HTTP method, upper case
 * @param path the path template
 * @param breaking whether a client written against the older version may fail on the newer
 * @param details what changed inside an operation (parameters, request body, responses)
 */
public record Change(String kind, String method, String path, boolean breaking, List<String> details) {
  public Change {
    details = List.copyOf(details);
  }
}
