package dev.backlot.permission.storage;

import dev.backlot.platform.db.Database;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/** A change to the RBAC tables: one transaction that also bumps the generation, or rolls back with the refusal. */
final class Changes {
  interface Change<T> {
    T apply(Connection c) throws SQLException, Refused;
  }

  private Changes() {}

  static <T> T apply(Database database, String what, Change<T> work) throws IOException, Refused {
    try {
      return Sql.inTransaction(database, what, c -> {
        try {
          T result = work.apply(c);
          Generation.bump(c);
          return result;
        } catch (Refused e) {
          throw new RefusedInside(e);
        }
      });
    } catch (RefusedInside e) {
      throw e.refused;
    }
  }

  /** Carries a refusal out of the transaction, which rolls back on any runtime exception. */
  private static final class RefusedInside extends RuntimeException {
    private final Refused refused;

    RefusedInside(Refused refused) {
      super(refused.getMessage(), null, false, false);
      this.refused = refused;
    }
  }
}
