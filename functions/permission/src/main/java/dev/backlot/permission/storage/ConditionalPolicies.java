package dev.backlot.permission.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.backlot.permission.rbac.ConditionalPolicy;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * RHDH's conditional policies in the plugin's own database. One role has at most one conditional
 * policy per resource type and action, as RHDH's {@code ConditionalStorage} refuses a second
 * ("has already been stored"): the decision could not choose between them.
 */
public final class ConditionalPolicies {
  private final Database database;

  public ConditionalPolicies(Database database) {
    this.database = database;
  }

  public List<ConditionalPolicy> all() throws IOException {
    return Sql.read(database, "read the conditional policies", c -> all(c, null));
  }

  public Optional<ConditionalPolicy> byId(long id) throws IOException {
    return Sql.read(database, "read conditional policy " + id, c -> all(c, id).stream().findFirst());
  }

  static List<ConditionalPolicy> all(Connection c, Long id) throws SQLException {
    String where = id == null ? "" : " WHERE id = ?";
    return Sql.query(c, "SELECT id, role_ref, plugin_id, resource_type, actions, conditions FROM rbac_conditional_policies" + where
        + " ORDER BY id", r -> new ConditionalPolicy(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
        Arrays.asList(r.getString(5).split(",")), tree(r.getString(6))), id == null ? new Object[0] : new Object[] {id});
  }

  /** Stores a new policy from the REST API and answers its id. */
  public long create(ConditionalPolicy policy) throws IOException, Refused {
    return write("create a conditional policy", c -> {
      requireRestRole(c, policy.roleEntityRef());
      requireNoOverlap(c, policy, null);
      Sql.update(c, "INSERT INTO rbac_conditional_policies (role_ref, plugin_id, resource_type, actions, conditions, source) "
          + "VALUES (?, ?, ?, ?, ?, ?)", policy.roleEntityRef(), policy.pluginId(), policy.resourceType(),
          String.join(",", policy.permissionMapping()), policy.conditions().toString(), Sources.REST);
      return Sql.query(c, "SELECT MAX(id) FROM rbac_conditional_policies WHERE role_ref = ?", r -> r.getLong(1), policy.roleEntityRef()).get(0);
    });
  }

  public void update(long id, ConditionalPolicy policy) throws IOException, Refused {
    write("update conditional policy " + id, c -> {
      existing(c, id);
      requireRestRole(c, policy.roleEntityRef());
      requireNoOverlap(c, policy, id);
      Sql.update(c, "UPDATE rbac_conditional_policies SET role_ref = ?, plugin_id = ?, resource_type = ?, actions = ?, conditions = ? "
          + "WHERE id = ?", policy.roleEntityRef(), policy.pluginId(), policy.resourceType(), String.join(",", policy.permissionMapping()),
          policy.conditions().toString(), id);
      return id;
    });
  }

  public void delete(long id) throws IOException, Refused {
    write("delete conditional policy " + id, c -> {
      existing(c, id);
      Sql.update(c, "DELETE FROM rbac_conditional_policies WHERE id = ?", id);
      return id;
    });
  }

  private static void existing(Connection c, long id) throws SQLException, Refused {
    if (all(c, id).isEmpty()) {
      throw new Refused(Refused.Reason.NOT_FOUND, "condition with id " + id + " was not found");
    }
  }

  private static void requireRestRole(Connection c, String roleRef) throws SQLException, Refused {
    StoredRole role = Sql.query(c, "SELECT source FROM rbac_roles WHERE role_ref = ?", r -> r.getString(1), roleRef).stream().findFirst()
        .map(source -> new StoredRole(roleRef, List.of(), source, null, null, null, null, null))
        .orElseThrow(() -> new Refused(Refused.Reason.NOT_FOUND, "role " + roleRef + " was not found"));
    RbacStore.requireRest(role);
  }

  private static void requireNoOverlap(Connection c, ConditionalPolicy policy, Long except) throws SQLException, Refused {
    for (ConditionalPolicy stored : all(c, null)) {
      if (stored.roleEntityRef().equals(policy.roleEntityRef()) && stored.resourceType().equals(policy.resourceType())
          && (except == null || stored.id() != except)) {
        for (String action : policy.permissionMapping()) {
          if (stored.permissionMapping().contains(action)) {
            throw new Refused(Refused.Reason.CONFLICT, "A condition with resource type " + policy.resourceType() + " and action " + action
                + " has already been stored for role " + policy.roleEntityRef() + " (id " + stored.id() + ")");
          }
        }
      }
    }
  }

  private long write(String what, Changes.Change<Long> work) throws IOException, Refused {
    return Changes.apply(database, what, work);
  }

  private static com.fasterxml.jackson.databind.JsonNode tree(String json) throws SQLException {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new SQLException("a stored condition is no JSON", e);
    }
  }
}
