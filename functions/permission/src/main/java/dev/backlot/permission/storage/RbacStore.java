package dev.backlot.permission.storage;

import dev.backlot.permission.rbac.Effect;
import dev.backlot.permission.rbac.RoleMember;
import dev.backlot.permission.rbac.RolePolicy;
import dev.backlot.platform.db.Database;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Roles, their members and permission policies in the plugin's own database. Every change bumps
 * the generation in the same transaction, so every instance sees that its rules are stale.
 * A role belongs to the source that created it: a change from the other source is refused, as
 * RHDH's {@code validateSource} refuses it.
 */
public final class RbacStore {
  private final Database database;
  private final Clock clock;

  public RbacStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  public long generation() throws IOException {
    return Sql.read(database, "read the RBAC generation", c -> Generation.read(c));
  }

  // --- roles ---

  public List<StoredRole> roles() throws IOException {
    return Sql.read(database, "read the roles", c -> roles(c, null));
  }

  public Optional<StoredRole> role(String ref) throws IOException {
    return Sql.read(database, "read role " + ref, c -> roles(c, ref).stream().findFirst());
  }

  public List<RoleMember> members() throws IOException {
    return Sql.read(database, "read the role members", RbacStore::members);
  }

  static List<RoleMember> members(Connection c) throws SQLException {
    return Sql.query(c, "SELECT member_ref, role_ref FROM rbac_role_members", r -> new RoleMember(r.getString(1), r.getString(2)));
  }

  private static List<StoredRole> roles(Connection c, String only) throws SQLException {
    String where = only == null ? "" : " WHERE r.role_ref = ?";
    Object[] args = only == null ? new Object[0] : new Object[] {only};
    Map<String, StoredRole> roles = new LinkedHashMap<>();
    Map<String, List<String>> members = new LinkedHashMap<>();
    for (StoredRole role : Sql.query(c, "SELECT role_ref, source, description, author, modified_by, created_at, last_modified FROM rbac_roles r"
        + where + " ORDER BY role_ref", r -> new StoredRole(r.getString(1), List.of(), r.getString(2), r.getString(3), r.getString(4),
        r.getString(5), r.getString(6), r.getString(7)), args)) {
      roles.put(role.ref(), role);
      members.put(role.ref(), new ArrayList<>());
    }
    for (RoleMember member : Sql.query(c, "SELECT r.member_ref, r.role_ref FROM rbac_role_members r" + where + " ORDER BY r.member_ref",
        r -> new RoleMember(r.getString(1), r.getString(2)), args)) {
      members.get(member.role()).add(member.member());
    }
    List<StoredRole> withMembers = new ArrayList<>();
    for (StoredRole role : roles.values()) {
      withMembers.add(new StoredRole(role.ref(), members.get(role.ref()), role.source(), role.description(), role.author(),
          role.modifiedBy(), role.createdAt(), role.lastModified()));
    }
    return withMembers;
  }

  /** A new role from the REST API; a role of that name already existing is a conflict. */
  public void createRole(String ref, List<String> members, String description, String by) throws IOException, Refused {
    change("create role " + ref, c -> {
      if (!roles(c, ref).isEmpty()) {
        throw new Refused(Refused.Reason.CONFLICT, "role " + ref + " already exists");
      }
      insertRole(c, ref, Sources.REST, description, by);
      for (String member : members) {
        Sql.update(c, "INSERT INTO rbac_role_members (role_ref, member_ref) VALUES (?, ?)", ref, member);
      }
    });
  }

  /** Replaces role {@code oldRef} by {@code newRef} (a rename moves its policies and conditions) with these members. */
  public void updateRole(String oldRef, String newRef, List<String> members, String description, String by) throws IOException, Refused {
    change("update role " + oldRef, c -> {
      StoredRole old = restRole(c, oldRef);
      if (!newRef.equals(oldRef) && !roles(c, newRef).isEmpty()) {
        throw new Refused(Refused.Reason.CONFLICT, "role " + newRef + " already exists");
      }
      Sql.update(c, "DELETE FROM rbac_role_members WHERE role_ref = ?", oldRef);
      if (!newRef.equals(oldRef)) {
        Sql.update(c, "INSERT INTO rbac_roles (role_ref, source, description, author, modified_by, created_at, last_modified) "
            + "SELECT ?, source, description, author, modified_by, created_at, last_modified FROM rbac_roles WHERE role_ref = ?", newRef, oldRef);
        Sql.update(c, "DELETE FROM rbac_roles WHERE role_ref = ?", oldRef);
        Sql.update(c, "UPDATE rbac_policies SET subject_ref = ? WHERE subject_ref = ?", newRef, oldRef);
        Sql.update(c, "UPDATE rbac_conditional_policies SET role_ref = ? WHERE role_ref = ?", newRef, oldRef);
      }
      Sql.update(c, "UPDATE rbac_roles SET description = ?, modified_by = ?, last_modified = ? WHERE role_ref = ?",
          description == null ? old.description() : description, by, now(), newRef);
      for (String member : members) {
        Sql.update(c, "INSERT INTO rbac_role_members (role_ref, member_ref) VALUES (?, ?)", newRef, member);
      }
    });
  }

  /** Removes a REST role with its policies and conditional policies. */
  public void deleteRole(String ref) throws IOException, Refused {
    change("delete role " + ref, c -> {
      restRole(c, ref);
      Sql.update(c, "DELETE FROM rbac_role_members WHERE role_ref = ?", ref);
      Sql.update(c, "DELETE FROM rbac_roles WHERE role_ref = ?", ref);
      Sql.update(c, "DELETE FROM rbac_policies WHERE subject_ref = ?", ref);
      Sql.update(c, "DELETE FROM rbac_conditional_policies WHERE role_ref = ?", ref);
    });
  }

  private static StoredRole restRole(Connection c, String ref) throws SQLException, Refused {
    StoredRole role = roles(c, ref).stream().findFirst()
        .orElseThrow(() -> new Refused(Refused.Reason.NOT_FOUND, "role " + ref + " was not found"));
    requireRest(role);
    return role;
  }

  static void requireRest(StoredRole role) throws Refused {
    if (!role.source().equals(Sources.REST)) {
      throw new Refused(Refused.Reason.OTHER_SOURCE, "source does not match originating role " + role.ref()
          + ", consider making changes to the '" + role.source().toUpperCase(java.util.Locale.ROOT) + "'");
    }
  }

  private void insertRole(Connection c, String ref, String source, String description, String by) throws SQLException {
    String now = now();
    Sql.update(c, "INSERT INTO rbac_roles (role_ref, source, description, author, modified_by, created_at, last_modified) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?)", ref, source, description, by, by, now, now);
  }

  // --- policies ---

  public List<StoredPolicy> policies() throws IOException {
    return Sql.read(database, "read the policies", c -> policies(c, null));
  }

  public List<StoredPolicy> policiesOf(String subject) throws IOException {
    return Sql.read(database, "read the policies of " + subject, c -> policies(c, subject));
  }

  static List<StoredPolicy> policies(Connection c, String subject) throws SQLException {
    String where = subject == null ? "" : " WHERE subject_ref = ?";
    return Sql.query(c, "SELECT subject_ref, permission, action, effect, source FROM rbac_policies" + where
        + " ORDER BY subject_ref, permission, action", r -> new StoredPolicy(
        new RolePolicy(r.getString(1), r.getString(2), r.getString(3), Effect.parse(r.getString(4)).orElseThrow()), r.getString(5)),
        subject == null ? new Object[0] : new Object[] {subject});
  }

  /** Adds REST policies; each must be new, and a role subject must exist and be a REST role. */
  public void addPolicies(Collection<RolePolicy> policies) throws IOException, Refused {
    change("add policies", c -> {
      for (RolePolicy policy : policies) {
        addPolicy(c, policy);
      }
    });
  }

  /** Removes REST policies; each must exist. */
  public void removePolicies(Collection<RolePolicy> policies) throws IOException, Refused {
    change("remove policies", c -> {
      for (RolePolicy policy : policies) {
        removePolicy(c, policy);
      }
    });
  }

  /** Replaces {@code old} policies by {@code replacements} in one transaction. */
  public void replacePolicies(Collection<RolePolicy> old, Collection<RolePolicy> replacements) throws IOException, Refused {
    change("update policies", c -> {
      for (RolePolicy policy : old) {
        removePolicy(c, policy);
      }
      for (RolePolicy policy : replacements) {
        addPolicy(c, policy);
      }
    });
  }

  private void addPolicy(Connection c, RolePolicy policy) throws SQLException, Refused {
    if (policy.subject().startsWith("role:")) {
      StoredRole role = roles(c, policy.subject()).stream().findFirst().orElseThrow(() -> new Refused(Refused.Reason.NOT_FOUND,
          "Corresponding role " + policy.subject() + " was not found"));
      requireRest(role);
    }
    List<String> existing = Sql.query(c, "SELECT effect FROM rbac_policies WHERE subject_ref = ? AND permission = ? AND action = ?",
        r -> r.getString(1), policy.subject(), policy.permission(), policy.action());
    if (!existing.isEmpty()) {
      throw new Refused(Refused.Reason.CONFLICT, "policy '" + policy.csv() + "' already exists"
          + (existing.contains(policy.effect().toString()) ? "" : " with effect " + existing.get(0)));
    }
    Sql.update(c, "INSERT INTO rbac_policies (subject_ref, permission, action, effect, source) VALUES (?, ?, ?, ?, ?)",
        policy.subject(), policy.permission(), policy.action(), policy.effect().toString(), Sources.REST);
  }

  private static void removePolicy(Connection c, RolePolicy policy) throws SQLException, Refused {
    List<String> sources = Sql.query(c, "SELECT source FROM rbac_policies WHERE subject_ref = ? AND permission = ? AND action = ? AND effect = ?",
        r -> r.getString(1), policy.subject(), policy.permission(), policy.action(), policy.effect().toString());
    if (sources.isEmpty()) {
      throw new Refused(Refused.Reason.NOT_FOUND, "policy '" + policy.csv() + "' was not found");
    }
    if (!sources.get(0).equals(Sources.REST)) {
      throw new Refused(Refused.Reason.OTHER_SOURCE, "policy '" + policy.csv() + "' comes from the " + sources.get(0)
          + "; change it there");
    }
    Sql.update(c, "DELETE FROM rbac_policies WHERE subject_ref = ? AND permission = ? AND action = ? AND effect = ?",
        policy.subject(), policy.permission(), policy.action(), policy.effect().toString());
  }

  // --- the policy file ---

  public Optional<String> csvDigest() throws IOException {
    return Sql.read(database, "read the policy file's digest", c -> Optional.ofNullable(
        Sql.query(c, "SELECT csv_digest FROM rbac_state WHERE id = 1", r -> r.getString(1)).get(0)));
  }

  /**
   * Replaces every role and policy of the previous policy file by these, in one transaction;
   * REST ones stay. A line naming a role the REST API owns is skipped, with a warning returned.
   */
  public List<String> replaceFileLines(List<RolePolicy> policies, List<RoleMember> members, String digest, String fileName) throws IOException {
    try {
      return change("load the policy file " + fileName, c -> {
        Sql.update(c, "DELETE FROM rbac_policies WHERE source = ?", Sources.CSV_FILE);
        Sql.update(c, "DELETE FROM rbac_role_members WHERE role_ref IN (SELECT role_ref FROM rbac_roles WHERE source = ?)", Sources.CSV_FILE);
        Sql.update(c, "DELETE FROM rbac_roles WHERE source = ?", Sources.CSV_FILE);
        List<String> warnings = new ArrayList<>();
        for (RoleMember member : members) {
          Optional<StoredRole> role = roles(c, member.role()).stream().findFirst();
          if (role.isPresent() && !role.get().source().equals(Sources.CSV_FILE)) {
            warnings.add("Skipping " + member.csv() + " of " + fileName + ": role " + member.role() + " comes from the "
                + role.get().source() + " source; change it there");
            continue;
          }
          if (role.isEmpty()) {
            insertRole(c, member.role(), Sources.CSV_FILE, null, "csv permission policy file");
          }
          Sql.update(c, "INSERT INTO rbac_role_members (role_ref, member_ref) VALUES (?, ?) ON CONFLICT DO NOTHING", member.role(), member.member());
        }
        for (RolePolicy policy : policies) {
          Optional<StoredRole> role = roles(c, policy.subject()).stream().findFirst();
          if (role.isPresent() && !role.get().source().equals(Sources.CSV_FILE)) {
            warnings.add("Skipping " + policy.csv() + " of " + fileName + ": role " + policy.subject() + " comes from the "
                + role.get().source() + " source; change it there");
            continue;
          }
          Sql.update(c, "INSERT INTO rbac_policies (subject_ref, permission, action, effect, source) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
              policy.subject(), policy.permission(), policy.action(), policy.effect().toString(), Sources.CSV_FILE);
        }
        Sql.update(c, "UPDATE rbac_state SET csv_digest = ? WHERE id = 1", digest);
        return warnings;
      });
    } catch (Refused e) {
      throw new IllegalStateException("loading the file refuses nothing", e);
    }
  }

  private <T> T change(String what, Changes.Change<T> work) throws IOException, Refused {
    return Changes.apply(database, what, work);
  }

  private interface VoidChange {
    void apply(Connection c) throws SQLException, Refused;
  }

  private void change(String what, VoidChange work) throws IOException, Refused {
    Changes.apply(database, what, c -> {
      work.apply(c);
      return null;
    });
  }

  private String now() {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atOffset(ZoneOffset.UTC));
  }
}
