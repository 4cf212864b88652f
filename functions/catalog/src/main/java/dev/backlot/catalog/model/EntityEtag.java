package dev.backlot.catalog.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An entity's etag: a hash of its content (apiVersion, kind, metadata, spec, relations) with
 * keys sorted and uid/etag left out, so it changes when and only when the content changes.
 */
public final class EntityEtag {
  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .nodeFactory(new com.fasterxml.jackson.databind.node.JsonNodeFactory(false))
      .build();

  private EntityEtag() {}

  public static String of(JsonNode entity) {
    ObjectNode copy = (ObjectNode) entity.deepCopy();
    if (copy.get("metadata") instanceof ObjectNode metadata) {
      metadata.remove("uid");
      metadata.remove("etag");
    }
    try {
      Object sorted = CANONICAL.treeToValue(copy, java.util.Map.class);
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsBytes(sorted));
      return HexFormat.of().formatHex(hash, 0, 20);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot hash entity", e);
    }
  }
}
