package dev.backlot.search.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlot.platform.http.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading result rows, the same for both engines: type, doc_key, document, resource_ref, then the highlights. */
final class Rows {
  private static final ObjectMapper JSON = Json.MAPPER;

  private Rows() {}

  static ResultPage.Hit hit(ResultSet row, Highlights highlights, boolean highlighted) throws SQLException {
    Map<String, String> fields = new LinkedHashMap<>();
    if (highlighted) {
      fields.put("title", highlights.tagged(row.getString(5)));
      fields.put("text", highlights.tagged(row.getString(6)));
    }
    return new ResultPage.Hit(row.getString(1), row.getString(2), document(row.getString(3)), row.getString(4), fields);
  }

  private static ObjectNode document(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored search document is not JSON", e);
    }
  }

  static long count(PreparedStatement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
