package dev.backlot.apidocs.validation;

import dev.backlot.platform.config.Config;

/**
 * How much of a definition the plugin will read. Definitions come from CI pipelines and catalog
 * entities, so each limit bounds what a hostile one can cost: bytes on the wire, nesting (stack
 * depth while parsing), YAML aliases and the values they expand to (billion laughs).
 *
 * <p>The value limit is what bounds memory: read into a tree, a value costs about 110 bytes of
 * heap, and api-docs' heap is a quarter of its 1 GiB. A real 10 MiB YAML definition holds about
 * 480,000 values (21 bytes each), so 1,000,000 leaves room for denser JSON, while 308 bytes of
 * aliases that expand to 4 million values (450 MB as a tree) are refused before anything is built.
 *
 * @param maxBytes largest definition accepted, in bytes
 * @param maxDepth deepest nesting of objects and arrays, once aliases are followed
 * @param maxAliases YAML aliases ({@code *anchor}) allowed in one document
 * @param maxNodes values (scalars, keys and collections) a document may hold once aliases are followed
 */
public record Limits(long maxBytes, int maxDepth, int maxAliases, long maxNodes) {
  public static final Limits DEFAULT = new Limits(10L * 1024 * 1024, 128, 100, 1_000_000);

  /** The defaults, with {@code apiDocs.maxDefinitionBytes} overriding the size limit. */
  public static Limits fromConfig(Config config) {
    long maxBytes = config.getOptionalLong("apiDocs.maxDefinitionBytes").orElse(DEFAULT.maxBytes);
    return new Limits(maxBytes, DEFAULT.maxDepth, DEFAULT.maxAliases, DEFAULT.maxNodes);
  }
}
