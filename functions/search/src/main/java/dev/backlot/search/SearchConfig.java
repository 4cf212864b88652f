package dev.backlot.search;

import dev.backlot.platform.config.Config;
import dev.backlot.search.engine.Highlights;
import java.time.Duration;

/**
 * The search plugin's config, each default stated once here (docs/search.md lists them):
 * Backstage's {@code search.maxPageLimit} and {@code search.maxTermLength}, the highlight tags,
 * and how the full indexing pass batches its work.
 */
record SearchConfig(int maxPageLimit, int maxTermLength, Highlights highlights, int indexBatchSize, Duration indexTimeBudget, Duration passInterval) {
  static final int DEFAULT_MAX_PAGE_LIMIT = 100;
  static final int DEFAULT_MAX_TERM_LENGTH = 100;
  static final int DEFAULT_INDEX_BATCH_SIZE = 500;
  static final int DEFAULT_INDEX_TIME_BUDGET_SECONDS = 40;
  static final int DEFAULT_PASS_INTERVAL_MINUTES = 60;

  static SearchConfig from(Config config) {
    int maxPageLimit = config.getOptionalInt("search.maxPageLimit").orElse(DEFAULT_MAX_PAGE_LIMIT);
    int maxTermLength = config.getOptionalInt("search.maxTermLength").orElse(DEFAULT_MAX_TERM_LENGTH);
    int batchSize = config.getOptionalInt("search.index.batchSize").orElse(DEFAULT_INDEX_BATCH_SIZE);
    int budget = config.getOptionalInt("search.index.timeBudgetSeconds").orElse(DEFAULT_INDEX_TIME_BUDGET_SECONDS);
    int interval = config.getOptionalInt("search.index.passIntervalMinutes").orElse(DEFAULT_PASS_INTERVAL_MINUTES);
    Highlights highlights = new Highlights(
        config.getOptionalString("search.highlightOptions.preTag").orElse(Highlights.DEFAULT.preTag()),
        config.getOptionalString("search.highlightOptions.postTag").orElse(Highlights.DEFAULT.postTag()),
        config.getOptionalBoolean("search.highlightOptions.useHighlight").orElse(Highlights.DEFAULT.enabled()),
        config.getOptionalInt("search.highlightOptions.maxWords").orElse(Highlights.DEFAULT.maxWords()));
    require(maxPageLimit >= 1 && maxPageLimit <= 1000, "search.maxPageLimit must be between 1 and 1000");
    require(maxTermLength >= 1 && maxTermLength <= 1000, "search.maxTermLength must be between 1 and 1000");
    require(batchSize >= 1 && batchSize <= 5000, "search.index.batchSize must be between 1 and 5000");
    // The 60 s request deadline (docs/architecture.md) must leave time to answer.
    require(budget >= 1 && budget <= 50, "search.index.timeBudgetSeconds must be between 1 and 50");
    require(interval >= 0 && interval <= 7 * 24 * 60, "search.index.passIntervalMinutes must be between 0 and 10080");
    return new SearchConfig(maxPageLimit, maxTermLength, highlights, batchSize, Duration.ofSeconds(budget), Duration.ofMinutes(interval));
  }

  private static void require(boolean holds, String message) {
    if (!holds) {
      throw new IllegalArgumentException(message);
    }
  }
}
