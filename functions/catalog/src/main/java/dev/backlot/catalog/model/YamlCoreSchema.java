package dev.backlot.catalog.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Types plain scalars as YAML 1.2's core schema does, as Backstage's YAML parser does. The
 * parser underneath follows YAML 1.1, where {@code yes}, {@code on} and {@code No} are booleans,
 * {@code 1_000} is a number and {@code 017} octal: a {@code lifecycle: off} would fail
 * validation here while Backstage stores the string "off".
 */
final class YamlCoreSchema {
  private static final Pattern TRUE = Pattern.compile("true|True|TRUE");
  private static final Pattern FALSE = Pattern.compile("false|False|FALSE");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

  private YamlCoreSchema() {}

  /** Writes the parser's current event to {@code out}, retyping booleans and numbers YAML 1.2 would not. */
  static void copy(JsonParser parser, JsonGenerator out) throws IOException {
    JsonToken token = parser.currentToken();
    String text = token.isScalarValue() ? parser.getText() : null;
    switch (token) {
      case VALUE_TRUE, VALUE_FALSE -> {
        if (TRUE.matcher(text).matches()) {
          out.writeBoolean(true);
        } else if (FALSE.matcher(text).matches()) {
          out.writeBoolean(false);
        } else {
          out.writeString(text);
        }
      }
      case VALUE_NUMBER_INT -> {
        if (DECIMAL.matcher(text).matches()) {
          out.writeNumber(new BigInteger(text.startsWith("+") ? text.substring(1) : text));
        } else if (HEX.matcher(text).matches()) {
          out.writeNumber(new BigInteger(text.substring(2), 16));
        } else {
          out.writeString(text);
        }
      }
      case VALUE_NUMBER_FLOAT -> {
        if (FLOAT.matcher(text).matches()) {
          out.copyCurrentEvent(parser);
        } else {
          out.writeString(text);
        }
      }
      default -> out.copyCurrentEvent(parser);
    }
  }
}
