package dev.backlot.permission.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** The RBAC tables' change counter ({@code rbac_state.generation}): bumped with every change, read before every decision. */
final class Generation {
  private Generation() {}

  static long read(Connection c) throws SQLException {
    return Sql.query(c, "SELECT generation FROM rbac_state WHERE id = 1", r -> r.getLong(1)).get(0);
  }

  static void bump(Connection c) throws SQLException {
    Sql.update(c, "UPDATE rbac_state SET generation = generation + 1 WHERE id = 1");
  }
}
