package dev.backlot.techdocs.site;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * A site's {@code techdocs_metadata.json}, as techdocs-cli writes it ({@code site_name},
 * {@code site_description}, {@code etag}, {@code build_timestamp}, {@code files}). Backstage
 * reads it as JSON5, so comments, trailing commas, single quotes and unquoted names are accepted
 * here too.
 */
public final class SiteMetadata {
  public static final String FILE = "techdocs_metadata.json";
  /** Metadata is read whole: its file list grows with the site, and 1 MiB holds about 20,000 files. */
  public static final long MAX_BYTES = 1024 * 1024;

  private static final ObjectMapper JSON5 = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_SINGLE_QUOTES,
          JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
          JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS, JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private SiteMetadata() {}

  /** The metadata object, or {@link IllegalArgumentException} when it is not one. */
  public static JsonNode parse(byte[] content) {
    JsonNode node;
    try {
      node = JSON5.readTree(content);
    } catch (IOException e) {
      throw new IllegalArgumentException(firstLine(e));
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return node;
  }

  private static String firstLine(IOException e) {
    String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    return message == null ? "not JSON" : message.lines().findFirst().orElse("not JSON");
  }
}
