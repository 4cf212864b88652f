package dev.backlot.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.backlot.platform.db.Database;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Json;
import dev.backlot.platform.http.Request;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads stored entities back as Backstage returns them. */
final class EntityReader {
  private static final int MAX_LIMIT = 10_000;

  private final Database database;

  EntityReader(Database database) {
    this.database = database;
  }

  /** {@code GET /entities}: the stored entities ordered by entity ref, optionally paged. */
  ArrayNode list(Request request) throws Exception {
    int limit = intParam(request, "limit", MAX_LIMIT, 0);
    int offset = intParam(request, "offset", 0, 0);
    ArrayNode items = Json.MAPPER.createArrayNode();
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT final_entity FROM final_entities ORDER BY entity_ref LIMIT ? OFFSET ?")) {
      select.setInt(1, limit);
      select.setInt(2, offset);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          items.add(Json.MAPPER.readTree(rows.getString(1)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read entities", e);
    }
    return items;
  }

  private static int intParam(Request request, String name, int fallback, int min) {
    String value = request.query(name).orElse(null);
    if (value == null) {
      return fallback;
    }
    if (!value.matches("-?\\d{1,9}")) {
      throw HttpError.inputError("request/query/" + name + " must be integer");
    }
    int parsed = Integer.parseInt(value);
    if (parsed < min) {
      throw HttpError.inputError("request/query/" + name + " must be >= " + min);
    }
    return parsed;
  }
}
