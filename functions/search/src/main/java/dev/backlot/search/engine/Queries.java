package dev.backlot.search.engine;

/** How one database answers a query; the writes are the same for both ({@link DocumentWrites}). */
interface Queries {
  ResultPage query(SearchQuery query);
}
