package dev.backlot.platform.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code rel="next"} target of a {@code Link} header (RFC 8288), as GitHub's and Backstage's paged lists send it. */
public final class LinkHeader {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

  private LinkHeader() {}

  public static Optional<String> next(String link) {
    Matcher next = NEXT.matcher(link);
    return next.find() ? Optional.of(next.group(1)) : Optional.empty();
  }
}
