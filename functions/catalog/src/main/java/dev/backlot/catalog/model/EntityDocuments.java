package dev.backlot.catalog.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a {@code catalog-info.yaml} (or JSON) into entity objects, safely: bounded depth and
 * document count (the readers bound the size); duplicate keys, aliases and tags refused rather
 * than guessed at.
 */
public final class EntityDocuments {
  public static final int MAX_DOCUMENTS = 1000;
  private static final ObjectMapper YAML = new ObjectMapper(yamlFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private EntityDocuments() {}

  private static YAMLFactory yamlFactory() {
    LoaderOptions options = new LoaderOptions();
    // The location readers bound every text by catalog.maxFileBytes; a code point is a byte or more.
    options.setCodePointLimit(Integer.MAX_VALUE);
    options.setNestingDepthLimit(64);
    options.setMaxAliasesForCollections(0);
    options.setAllowDuplicateKeys(false);
    return YamlCoreSchema.factory(options);
  }

  /** The entities in {@code text}, in order; empty documents are skipped. */
  public static List<ObjectNode> parse(String text, String source) {
    List<ObjectNode> entities = new ArrayList<>();
    int document = 0;
    try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(text)) {
      parser.setCodec(YAML);
      while (parser.nextToken() != null) {
        document++;
        if (document > MAX_DOCUMENTS) {
          throw new InvalidEntityException(source + ": more than " + MAX_DOCUMENTS + " documents");
        }
        if (parser.currentToken() == JsonToken.VALUE_NULL
            || (parser.currentToken() == JsonToken.VALUE_STRING && parser.getText().isEmpty())) {
          continue;
        }
        JsonNode node = readDocument(parser, source, document);
        if (!node.isObject()) {
          throw new InvalidEntityException(source + ": document " + document + " is not an entity (expected a mapping)");
        }
        entities.add((ObjectNode) node);
      }
    } catch (JsonProcessingException e) {
      throw new InvalidEntityException(source + ": invalid YAML at line " + e.getLocation().getLineNr()
          + " (document " + Math.max(1, document) + "): " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidEntityException(source + ": cannot be read: " + e.getMessage());
    } catch (RuntimeException e) {
      if (e instanceof InvalidEntityException) {
        throw e;
      }
      // SnakeYAML's own limits (depth, size) surface as unchecked exceptions.
      throw new InvalidEntityException(source + ": invalid YAML: " + e.getMessage());
    }
    return entities;
  }

  /** Reads one document, refusing aliases and tags, which Jackson would otherwise read as plain text. */
  private static JsonNode readDocument(YAMLParser parser, String source, int document) throws IOException {
    if (parser.isCurrentAlias() || parser.getTypeId() != null) {
      throw refused(parser, source, document);
    }
    com.fasterxml.jackson.databind.util.TokenBuffer buffer = new com.fasterxml.jackson.databind.util.TokenBuffer(parser);
    int depth = 0;
    do {
      if (parser.isCurrentAlias() || parser.getTypeId() != null) {
        throw refused(parser, source, document);
      }
      JsonToken token = parser.currentToken();
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        depth++;
      } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        depth--;
      }
      YamlCoreSchema.copy(parser, buffer);
    } while (depth > 0 && parser.nextToken() != null);
    try (JsonParser replay = buffer.asParser(YAML)) {
      return YAML.readTree(replay);
    }
  }

  private static InvalidEntityException refused(YAMLParser parser, String source, int document) throws IOException {
    String what = parser.isCurrentAlias() ? "YAML aliases (*" + parser.getText() + ")" : "YAML tags (" + parser.getTypeId() + ")";
    return new InvalidEntityException(source + ": " + what + " are not supported, at line "
        + parser.currentLocation().getLineNr() + " (document " + document + ")");
  }
}
