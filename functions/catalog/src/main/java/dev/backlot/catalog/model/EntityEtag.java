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
 * keys sorted and uid/etag left out, so it changes when and only when the content changes. The
 * catalog attaches relations (other entities' included) and processing errors when it serves an
 * entity, so what it serves carries {@link #served}: the stored etag combined with those.
 */
public final class EntityEtag {
  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .nodeFactory(new com.fasterxml.jackson.databind.node.JsonNodeFactory(false))
      .build();

  private EntityEtag() {}

  /**
   * The etag of an entity as served: {@code stored} when it has no relations and no status, else
   * a hash of {@code stored} with them, so a new ownerOf or an error changes it and nothing else
   * does.
   */
  public static String served(String stored, JsonNode relations, JsonNode status) {
    if ((relations == null || relations.isEmpty()) && status == null) {
      return stored;
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(stored.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      digest.update(CANONICAL.writeValueAsBytes(relations));
      digest.update(CANONICAL.writeValueAsBytes(status));
      return HexFormat.of().formatHex(digest.digest(), 0, 20);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot hash entity", e);
    }
  }

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
