package dev.backlot.techdocs.generator;

import dev.backlot.platform.config.Config;

/**
 * How much of a docs source the generator reads. Sources come from any repository a catalog file
 * points at, so each limit bounds what a hostile or careless one can cost one sync: the function
 * holds a source in memory while it builds (512 MiB of memory, a quarter of it heap).
 *
 * @param maxPages Markdown pages in one site
 * @param maxPageBytes the largest Markdown page
 * @param maxFiles files of any kind in the docs folder (pages, images, …)
 * @param maxSiteBytes all the source files of one site together
 */
public record GeneratorLimits(int maxPages, long maxPageBytes, int maxFiles, long maxSiteBytes) {
  public static final GeneratorLimits DEFAULT = new GeneratorLimits(500, 1024 * 1024, 2_000, 50L * 1024 * 1024);

  public static GeneratorLimits fromConfig(Config config) {
    return new GeneratorLimits(
        config.getOptionalInt("techdocs.generator.maxPages").orElse(DEFAULT.maxPages),
        config.getOptionalLong("techdocs.generator.maxPageBytes").orElse(DEFAULT.maxPageBytes),
        config.getOptionalInt("techdocs.generator.maxFiles").orElse(DEFAULT.maxFiles),
        config.getOptionalLong("techdocs.generator.maxSiteBytes").orElse(DEFAULT.maxSiteBytes));
  }
}
