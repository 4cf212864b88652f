package dev.backlot.scaffolder.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template text into {@link Segment}s with Backstage's delimiters: {@code ${{ }}} for
 * values (so that {@code {{ }}} of other tools stays text), {@code {% %}} for blocks, {@code {# #}}
 * for comments, {@code {% raw %}} for text kept as is, and Nunjucks' {@code -} whitespace control.
 */
final class TemplateParser {
  /** Blocks ({@code if}, {@code for}) nested deeper than this are refused before they exhaust the stack. */
  static final int MAX_BLOCK_DEPTH = 64;

  private final String text;
  private int at;
  private int depth;
  /** Whether the last tag ended with {@code -%}/{@code -}}}: the next text loses its leading whitespace. */
  private boolean trimNext;

  private TemplateParser(String text) {
    this.text = text;
  }

  static List<Segment> parse(String text) {
    TemplateParser parser = new TemplateParser(text);
    List<Segment> segments = new ArrayList<>();
    String end = parser.block(segments, List.of());
    if (end != null) {
      throw new ExpressionException("unexpected {% " + end + " %}");
    }
    return segments;
  }

  /** Reads segments until one of {@code ends} (a block tag's name); returns the tag that ended it, or null at the end. */
  private String block(List<Segment> into, List<String> ends) {
    while (at < text.length()) {
      int next = nextTag();
      String literal = text.substring(at, next < 0 ? text.length() : next);
      if (trimNext) {
        literal = literal.stripLeading();
        trimNext = false;
      }
      int opener = next >= 0 && text.startsWith("${{", next) ? 3 : 2;
      boolean trimBefore = next >= 0 && next + opener < text.length() && text.charAt(next + opener) == '-';
      if (trimBefore) {
        literal = literal.stripTrailing();
      }
      if (!literal.isEmpty()) {
        into.add(new Segment.Text(literal));
      }
      if (next < 0) {
        at = text.length();
        return null;
      }
      at = next;
      if (text.startsWith("${{", at)) {
        String source = inside("${{", "}}");
        into.add(new Segment.Output(source, Parser.parse(source)));
      } else if (text.startsWith("{#", at)) {
        int close = text.indexOf("#}", at + 2);
        if (close < 0) {
          throw new ExpressionException("unterminated comment");
        }
        trimNext = text.charAt(close - 1) == '-';
        at = close + 2;
      } else {
        String tag = inside("{%", "%}").strip();
        String name = tag.split("\\s+", 2)[0];
        String rest = tag.substring(name.length()).strip();
        if (ends.contains(name)) {
          pendingTag = rest;
          return name;
        }
        if (++depth > MAX_BLOCK_DEPTH) {
          throw new ExpressionException("blocks nested deeper than " + MAX_BLOCK_DEPTH + " levels");
        }
        switch (name) {
          case "if" -> into.add(ifBlock(rest));
          case "for" -> into.add(forBlock(rest));
          case "raw" -> into.add(raw());
          default -> throw new ExpressionException("unknown or unexpected tag {% " + name + " %}");
        }
        depth--;
      }
    }
    return null;
  }

  private String pendingTag;

  private Segment ifBlock(String condition) {
    List<Segment.Branch> branches = new ArrayList<>();
    Node current = Parser.parse(condition);
    while (true) {
      List<Segment> body = new ArrayList<>();
      String end = block(body, List.of("elif", "elseif", "else", "endif"));
      if (end == null) {
        throw new ExpressionException("{% if " + condition + " %} has no {% endif %}");
      }
      branches.add(new Segment.Branch(current, body));
      switch (end) {
        case "endif" -> {
          return new Segment.If(branches);
        }
        case "else" -> current = null;
        default -> current = Parser.parse(pendingTag);
      }
    }
  }

  private Segment forBlock(String head) {
    Parser.ForHead parsed = Parser.forHead(head);
    List<Segment> body = new ArrayList<>();
    List<Segment> otherwise = new ArrayList<>();
    String end = block(body, List.of("else", "endfor"));
    if ("else".equals(end)) {
      end = block(otherwise, List.of("endfor"));
    }
    if (end == null) {
      throw new ExpressionException("{% for " + head + " %} has no {% endfor %}");
    }
    return new Segment.For(parsed.names(), parsed.iterable(), body, otherwise);
  }

  private Segment raw() {
    int from = at;
    while (true) {
      int open = text.indexOf("{%", at);
      if (open < 0) {
        throw new ExpressionException("{% raw %} has no {% endraw %}");
      }
      at = open;
      String tag = inside("{%", "%}").strip();
      if (tag.equals("endraw")) {
        String body = text.substring(from, open);
        return new Segment.Text(body);
      }
    }
  }

  private int nextTag() {
    int best = -1;
    for (String open : new String[] {"${{", "{%", "{#"}) {
      int found = text.indexOf(open, at);
      if (found >= 0 && (best < 0 || found < best)) {
        best = found;
      }
    }
    return best;
  }

  /** The text between {@code open} at the current position and its {@code close}, outside quotes; moves past it. */
  private String inside(String open, String close) {
    int start = at + open.length();
    char quote = 0;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (text.startsWith(close, i)) {
        String inner = text.substring(start, i);
        at = i + close.length();
        if (inner.startsWith("-")) {
          inner = inner.substring(1);
        }
        trimNext = inner.endsWith("-");
        return trimNext ? inner.substring(0, inner.length() - 1) : inner;
      }
    }
    throw new ExpressionException("'" + open + "' at character " + (at + 1) + " has no '" + close + "'");
  }
}
