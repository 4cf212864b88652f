package dev.backlot.permission.storage;

import java.util.List;

/** A role with its members and RHDH's role metadata. */
public record StoredRole(String ref, List<String> members, String source, String description, String author, String modifiedBy,
    String createdAt, String lastModified) {
  public StoredRole {
    members = List.copyOf(members);
  }
}
