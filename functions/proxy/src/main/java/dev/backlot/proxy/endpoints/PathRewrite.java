package dev.backlot.proxy.endpoints;

import java.util.regex.Pattern;

/** One {@code pathRewrite} rule: a regular expression over the path as served and its replacement. */
public record PathRewrite(Pattern pattern, String replacement) {
  /** The rewritten path when the rule matches, else null. */
  String applyTo(String path) {
    var matcher = pattern.matcher(path);
    return matcher.find() ? matcher.replaceFirst(replacement) : null;
  }
}
