package dev.backlot.catalog.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlot.platform.http.HttpError;
import dev.backlot.platform.http.Json;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code after} cursor of {@code GET /entities}: base64 JSON {@code {"limit":L,"offset":O}}. */
record PageCursor(Integer limit, int offset) {
  static PageCursor parse(String value) {
    JsonNode cursor;
    try {
      cursor = Json.MAPPER.readTree(Base64.getDecoder().decode(value));
    } catch (Exception e) {
      throw HttpError.inputError("Malformed after cursor, could not be parsed");
    }
    if (cursor == null || !cursor.isObject()) {
      throw HttpError.inputError("Malformed after cursor, could not be parsed");
    }
    JsonNode limit = cursor.get("limit");
    JsonNode offset = cursor.get("offset");
    if (limit != null && (!limit.canConvertToInt() || limit.asInt() < 0)) {
      throw HttpError.inputError("Malformed after cursor, limit was not an number");
    }
    if (offset != null && (!offset.canConvertToInt() || offset.asInt() < 0)) {
      throw HttpError.inputError("Malformed after cursor, offset was not an number");
    }
    return new PageCursor(limit == null ? null : limit.asInt(), offset == null ? 0 : offset.asInt());
  }

  String encode() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("limit", limit);
    json.put("offset", offset);
    return Base64.getEncoder().encodeToString(Json.bytes(json));
  }
}
