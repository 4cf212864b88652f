package dev.backlot.catalog.ingestion;

/** Where entities come from: {@code type} is {@code file} or {@code url}. */
public record LocationSpec(String type, String target) {
  /** {@code url:https://…} or {@code file:/abs/path}, as Backstage writes location refs. */
  public String key() {
    return type + ":" + target;
  }
}
