package dev.backlot.catalog.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Types plain scalars as YAML 1.2's core schema does, as Backstage's parser (the {@code yaml} npm
 * package) does, and writes numbers as the JSON Backstage stores. The parser underneath follows
 * YAML 1.1, where {@code yes}, {@code on} and {@code No} are booleans, {@code 1_000} is a number
 * and {@code 0o17} text: a {@code lifecycle: off} would fail validation here while Backstage
 * stores the string "off". So the YAML 1.1 typing is ignored: every plain scalar is typed again
 * from its text, and quoted and block scalars are always text, which only the scalar's own style
 * tells apart ({@code "017"} from {@code 017}); the parsers of {@link #factory} expose it.
 */
final class YamlCoreSchema {
  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern TRUE = Pattern.compile("true|True|TRUE");
  private static final Pattern FALSE = Pattern.compile("false|False|FALSE");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern NOT_FINITE = Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  /** JavaScript numbers are exact integers up to here; Backstage writes integral ones without a fraction. */
  private static final double SAFE_INTEGER = 9007199254740991d;

  private YamlCoreSchema() {}

  /** A YAML factory with {@code options} whose parsers say whether the current scalar is plain. */
  static YAMLFactory factory(LoaderOptions options) {
    return new Factory(YAMLFactory.builder().loaderOptions(options));
  }

  /** Writes the parser's current event to {@code out}, plain scalars typed as YAML 1.2's core schema types them. */
  static void copy(JsonParser parser, JsonGenerator out) throws IOException {
    if (!parser.currentToken().isScalarValue()) {
      out.copyCurrentEvent(parser);
    } else if (parser instanceof Parser yaml && !yaml.plainScalar()) {
      out.writeString(parser.getText());
    } else {
      writePlain(parser.getText(), out);
    }
  }

  private static void writePlain(String text, JsonGenerator out) throws IOException {
    if (NULL.matcher(text).matches()) {
      out.writeNull();
    } else if (TRUE.matcher(text).matches() || FALSE.matcher(text).matches()) {
      out.writeBoolean(TRUE.matcher(text).matches());
    } else if (DECIMAL.matcher(text).matches()) {
      out.writeNumber(new BigInteger(text.startsWith("+") ? text.substring(1) : text));
    } else if (OCTAL.matcher(text).matches()) {
      out.writeNumber(new BigInteger(text.substring(2), 8));
    } else if (HEX.matcher(text).matches()) {
      out.writeNumber(new BigInteger(text.substring(2), 16));
    } else if (NOT_FINITE.matcher(text).matches()) {
      // JSON has no infinity or NaN: Backstage's JSON.stringify stores null.
      out.writeNull();
    } else if (FLOAT.matcher(text).matches()) {
      double value = Double.parseDouble(text);
      if (value == Math.rint(value) && Math.abs(value) <= SAFE_INTEGER) {
        out.writeNumber((long) value);
      } else {
        out.writeNumber(value);
      }
    } else {
      out.writeString(text);
    }
  }

  private static final class Factory extends YAMLFactory {
    Factory(YAMLFactoryBuilder builder) {
      super(builder);
    }

    @Override
    protected YAMLParser _createParser(Reader reader, IOContext context) {
      return new Parser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, reader);
    }
  }

  /** Jackson's YAML parser, which can say whether its current scalar was written plain: unquoted, not a block. */
  private static final class Parser extends YAMLParser {
    Parser(IOContext context, int parserFeatures, int yamlFeatures, LoaderOptions options, ObjectCodec codec, Reader reader) {
      super(context, parserFeatures, yamlFeatures, options, codec, reader);
    }

    boolean plainScalar() {
      return _lastEvent instanceof ScalarEvent scalar && scalar.isPlain();
    }
  }
}
