package dev.backlot.permission.storage;

/** Where a role or policy came from, RHDH's {@code source} metadata. */
public final class Sources {
  public static final String CSV_FILE = "csv-file";
  public static final String REST = "rest";

  private Sources() {}
}
