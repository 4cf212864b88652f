package dev.backlot.apidocs.validation;

import dev.backlot.platform.config.Config;

/**
 * How much of a definition the plugin will read. Definitions come from CI pipelines and catalog
 * entities, so each limit bounds what a hostile one can cost: bytes on the wire, nesting (stack
 * depth while parsing), YAML aliases and the nodes they expand to (billion laughs).
 *
 * @param maxBytes largest definition accepted, in bytes
 * @param maxDepth deepest nesting of objects and arrays
 * @param maxAliases YAML aliases ({@code *anchor}) allowed in one document
 * @param maxNodes values a document may expand to once aliases are followed
 */
public record Limits(long maxBytes, int maxDepth, int maxAliases, long maxNodes) {
  public static final Limits DEFAULT = new Limits(10L * 1024 * 1024, 128, 100, 5_000_000);

  /** The defaults, with {@code apiDocs.maxDefinitionBytes} overriding the size limit. */
  public static Limits fromConfig(Config config) {
    long maxBytes = config.getOptionalLong("apiDocs.maxDefinitionBytes").orElse(DEFAULT.maxBytes);
    return new Limits(maxBytes, DEFAULT.maxDepth, DEFAULT.maxAliases, DEFAULT.maxNodes);
  }
}
