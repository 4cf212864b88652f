package dev.backlot.apidocs.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Follows {@code $ref}s inside one document ({@code #/components/schemas/Pet}). References to
 * other documents are never followed (nothing is fetched or read): they compare by their text.
 */
final class LocalRefs {
  /** References to references followed before giving up: real documents need one or two. */
  static final int MAX_HOPS = 16;

  private final JsonNode document;

  LocalRefs(JsonNode document) {
    this.document = document;
  }

  JsonNode document() {
    return document;
  }

  /** The node's {@code $ref} text, or null when it has none. */
  static String refOf(JsonNode node) {
    JsonNode ref = node.get("$ref");
    return ref != null && ref.isTextual() ? ref.asText() : null;
  }

  /**
   * The node a reference chain ends at; the node itself when it is no reference. External and
   * dangling references resolve to the referencing node, so they compare by their text.
   */
  JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; hops < MAX_HOPS; hops++) {
      String ref = refOf(current);
      if (ref == null || !ref.startsWith("#")) {
        return current;
      }
      JsonNode target = pointer(ref);
      if (target.isMissingNode() || target == current) {
        return current;
      }
      current = target;
    }
    throw new DiffTooLargeException("A $ref chain is longer than " + MAX_HOPS + " hops (or loops): " + refOf(node));
  }

  private JsonNode pointer(String ref) {
    String fragment = ref.substring(1);
    if (fragment.isEmpty()) {
      return document;
    }
    if (!fragment.startsWith("/")) {
      return MissingNode.getInstance();
    }
    try {
      return document.at(decode(fragment));
    } catch (IllegalArgumentException e) {
      return MissingNode.getInstance();
    }
  }

  /** URI fragments may percent-encode pointer characters ({@code %7B} for braces in paths). */
  private static String decode(String fragment) {
    if (fragment.indexOf('%') < 0) {
      return fragment;
    }
    return java.net.URLDecoder.decode(fragment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The last segment of a reference, its component's name. */
  static String nameOf(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }
}
