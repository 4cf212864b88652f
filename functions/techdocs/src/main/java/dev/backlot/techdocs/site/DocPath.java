package dev.backlot.techdocs.site;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A file's path inside one site, from the undecoded rest of a request path. Refused rather than
 * normalised: every '.' or '..' segment (also percent-encoded), a backslash, a NUL or other
 * control character, an empty segment (so no absolute path after a '//'), a '%' that is not a
 * valid escape and bytes that are not UTF-8. What is left can only name a file below the site's
 * folder. A path naming a folder ("" or ending in '/') means its {@code index.html}, as mkdocs
 * sites link pages.
 */
public final class DocPath {
  static final int MAX_BYTES = 512;
  private static final String INDEX = "index.html";

  private DocPath() {}

  /** The relative file path, or throws {@link IllegalArgumentException} saying why not. */
  public static String resolve(String rawRest) {
    if (rawRest.length() > MAX_BYTES * 3) {
      throw new IllegalArgumentException("Docs path is longer than " + MAX_BYTES + " bytes");
    }
    return checked(decode(rawRest));
  }

  /** The same checks on a path already decoded (a key the plugin itself builds). */
  public static String checked(String decoded) {
    if (decoded.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException("Docs path is longer than " + MAX_BYTES + " bytes");
    }
    if (decoded.isEmpty()) {
      return INDEX;
    }
    for (int i = 0; i < decoded.length(); i++) {
      char c = decoded.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException("Docs path contains a control character: '" + Printable.of(decoded) + "'");
      }
      if (c == '\\') {
        throw new IllegalArgumentException("Docs path contains a backslash: '" + Printable.of(decoded) + "'");
      }
    }
    boolean folder = decoded.endsWith("/");
    String[] segments = (folder ? decoded.substring(0, decoded.length() - 1) : decoded).split("/", -1);
    List<String> kept = new ArrayList<>();
    for (String segment : segments) {
      if (segment.isEmpty()) {
        throw new IllegalArgumentException("Docs path has an empty segment (absolute or '//'): '" + Printable.of(decoded) + "'");
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("Docs path must not contain '.' or '..' segments: '" + Printable.of(decoded) + "'");
      }
      kept.add(segment);
    }
    if (folder) {
      kept.add(INDEX);
    }
    return String.join("/", kept);
  }

  /** Percent-decoding as {@code decodeURIComponent} does it, but strict: '+' stays '+'. */
  private static String decode(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    byte[] utf8 = raw.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < utf8.length; i++) {
      byte b = utf8[i];
      if (b == '%') {
        if (i + 2 >= utf8.length || Character.digit(utf8[i + 1], 16) < 0 || Character.digit(utf8[i + 2], 16) < 0) {
          throw new IllegalArgumentException("Docs path has an invalid percent escape: '" + Printable.of(raw) + "'");
        }
        bytes.write(Character.digit(utf8[i + 1], 16) * 16 + Character.digit(utf8[i + 2], 16));
        i += 2;
      } else {
        bytes.write(b);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("Docs path is not UTF-8: '" + Printable.of(raw) + "'");
    }
  }
}
