package dev.backlot.platform.manifest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A small, tolerant HCL2 tokenizer for the deployment consistency checks: enough of the syntax
 * (comments, quoted templates with {@code ${}} and {@code %{}} sequences, heredocs, brackets,
 * block and attribute structure) to find attribute references, string literals and block bodies
 * honestly, without evaluating anything. A strict HCL2 parser can replace it later.
 */
final class Hcl {
  enum Type {
    IDENT,
    NUMBER,
    SYMBOL,
    /** Opening quote of a quoted template. */
    QUOTE_OPEN,
    QUOTE_CLOSE,
    HEREDOC_OPEN,
    HEREDOC_CLOSE,
    /** Literal text inside a template, escapes already resolved. */
    LITERAL,
    /** {@code ${} — strip is true for {@code ${~}. */
    INTERPOLATION,
    /** {@code %{} — strip is true for {@code %{~}. */
    DIRECTIVE,
    /** The {@code }} closing an interpolation or directive; strip is true for {@code ~}}. */
    SEQUENCE_END
  }

  record Token(Type type, String text, int start, int end, int line, boolean strip) {
    boolean is(Type t, String s) {
      return type == t && text.equals(s);
    }

    boolean isSymbol(String s) {
      return is(Type.SYMBOL, s);
    }

    boolean isIdent(String s) {
      return is(Type.IDENT, s);
    }
  }

  /** Tokens of one file plus the index of each bracket's partner. */
  static final class Source {
    final String name;
    final String text;
    final List<Token> tokens;
    final int[] partner;

    private Source(String name, String text, List<Token> tokens) {
      this.name = name;
      this.text = text;
      this.tokens = tokens;
      this.partner = new int[tokens.size()];
      java.util.Arrays.fill(partner, -1);
      Deque<Integer> open = new ArrayDeque<>();
      for (int i = 0; i < tokens.size(); i++) {
        Token t = tokens.get(i);
        if (isOpener(t)) {
          open.push(i);
        } else if (isCloser(t)) {
          if (open.isEmpty()) {
            throw new IllegalArgumentException(name + ":" + t.line() + ": unbalanced '" + t.text() + "'");
          }
          int o = open.pop();
          partner[o] = i;
          partner[i] = o;
        }
      }
      if (!open.isEmpty()) {
        Token t = tokens.get(open.peek());
        throw new IllegalArgumentException(name + ":" + t.line() + ": '" + t.text() + "' is never closed");
      }
    }

    Token get(int i) {
      return i >= 0 && i < tokens.size() ? tokens.get(i) : null;
    }

    int size() {
      return tokens.size();
    }

    String where(int i) {
      return name + ":" + tokens.get(i).line();
    }

    /** Source text of tokens from..to inclusive. */
    String text(int from, int to) {
      return text.substring(tokens.get(from).start(), tokens.get(to).end());
    }

    /** The literal string at i when it is a plain quoted string with no interpolation, else null. */
    String plainString(int i) {
      Token t = get(i);
      if (t == null || t.type() != Type.QUOTE_OPEN) {
        return null;
      }
      int close = partner[i];
      if (close == i + 1) {
        return "";
      }
      if (close == i + 2 && tokens.get(i + 1).type() == Type.LITERAL) {
        return tokens.get(i + 1).text();
      }
      return null;
    }

    /** Index after the expression or group starting at i (a bracket group counts as one). */
    int skip(int i) {
      return partner[i] > i ? partner[i] + 1 : i + 1;
    }

    /** Top-level blocks of the file. */
    List<Block> blocks() {
      return body(-1, tokens.size()).blocks();
    }

    /** Attributes and nested blocks between the braces at open and close (exclusive). */
    Body body(int open, int close) {
      List<Attribute> attributes = new ArrayList<>();
      List<Block> blocks = new ArrayList<>();
      int i = open + 1;
      while (i < close) {
        Token t = tokens.get(i);
        if (t.type() == Type.IDENT && get(i + 1) != null && get(i + 1).isSymbol("=")) {
          int from = i + 2;
          int to = expressionEnd(from, close);
          attributes.add(new Attribute(this, t.text(), i, from, to));
          i = to + 1;
          continue;
        }
        if (t.type() == Type.IDENT) {
          List<String> labels = new ArrayList<>();
          int j = i + 1;
          while (j < close) {
            String label = plainString(j);
            if (label != null) {
              labels.add(label);
              j = partner[j] + 1;
            } else if (tokens.get(j).type() == Type.IDENT) {
              labels.add(tokens.get(j).text());
              j++;
            } else {
              break;
            }
          }
          if (j < close && tokens.get(j).isSymbol("{")) {
            blocks.add(new Block(this, t.text(), List.copyOf(labels), i, j, partner[j]));
            i = partner[j] + 1;
            continue;
          }
        }
        i = skip(i);
      }
      return new Body(List.copyOf(attributes), List.copyOf(blocks));
    }

    /**
     * Last token of the expression starting at from: HCL ends an attribute at the end of its
     * line, except inside brackets, quotes and heredocs.
     */
    int expressionEnd(int from, int limit) {
      int i = from;
      int lastLine = tokens.get(from).line();
      int last = from;
      while (i < limit) {
        Token t = tokens.get(i);
        if (i > from && t.line() > lastLine) {
          break;
        }
        last = partner[i] > i ? partner[i] : i;
        lastLine = tokens.get(last).line() + newlines(tokens.get(last));
        i = last + 1;
      }
      return last;
    }

    private static int newlines(Token t) {
      return (int) t.text().chars().filter(c -> c == '\n').count();
    }
  }

  record Attribute(Source source, String name, int nameIndex, int from, int to) {
    String text() {
      return source.text(from, to);
    }
  }

  record Block(Source source, String type, List<String> labels, int typeIndex, int open, int close) {
    Body body() {
      return source.body(open, close);
    }

    String label(int i) {
      return i < labels.size() ? labels.get(i) : "";
    }

    String where() {
      return source.where(typeIndex);
    }
  }

  record Body(List<Attribute> attributes, List<Block> blocks) {
    Attribute attribute(String name) {
      return attributes.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
    }
  }

  static boolean isOpener(Token t) {
    return switch (t.type()) {
      case QUOTE_OPEN, HEREDOC_OPEN, INTERPOLATION, DIRECTIVE -> true;
      case SYMBOL -> t.text().equals("{") || t.text().equals("[") || t.text().equals("(");
      default -> false;
    };
  }

  static boolean isCloser(Token t) {
    return switch (t.type()) {
      case QUOTE_CLOSE, HEREDOC_CLOSE, SEQUENCE_END -> true;
      case SYMBOL -> t.text().equals("}") || t.text().equals("]") || t.text().equals(")");
      default -> false;
    };
  }

  /** Tokenizes an HCL file (.tf, .tfvars). */
  static Source parse(String name, String text) {
    Lexer lexer = new Lexer(name, text);
    lexer.expression(false);
    return new Source(name, text, lexer.out);
  }

  /** Tokenizes a template file (templatefile's .tftpl): literal text with sequences. */
  static Source parseTemplate(String name, String text) {
    Lexer lexer = new Lexer(name, text);
    lexer.template(Lexer.Mode.FILE, null);
    return new Source(name, text, lexer.out);
  }

  private static final class Lexer {
    enum Mode {
      QUOTED,
      HEREDOC,
      FILE
    }

    private static final String[] TWO_CHAR_SYMBOLS = {"=>", "==", "!=", "<=", ">=", "&&", "||", "..."};

    final String name;
    final String s;
    final List<Token> out = new ArrayList<>();
    int pos;
    int line = 1;

    Lexer(String name, String s) {
      this.name = name;
      this.s = s;
    }

    private char at(int offset) {
      int p = pos + offset;
      return p < s.length() ? s.charAt(p) : '\0';
    }

    private void add(Type type, String text, int start, boolean strip) {
      out.add(new Token(type, text, start, pos, lineAt(start), strip));
    }

    private int lineAt(int offset) {
      // Lines are counted as the lexer goes; a token's line is where it starts.
      return line - (int) s.substring(offset, pos).chars().filter(c -> c == '\n').count();
    }

    private IllegalArgumentException error(String message) {
      return new IllegalArgumentException(name + ":" + line + ": " + message);
    }

    /** Lexes expressions until EOF, or (inSequence) until the '}' closing a ${ or %{. */
    void expression(boolean inSequence) {
      int depth = 0;
      while (pos < s.length()) {
        char c = at(0);
        if (c == '\n') {
          line++;
          pos++;
        } else if (Character.isWhitespace(c)) {
          pos++;
        } else if (c == '#' || (c == '/' && at(1) == '/')) {
          while (pos < s.length() && at(0) != '\n') {
            pos++;
          }
        } else if (c == '/' && at(1) == '*') {
          int end = s.indexOf("*/", pos + 2);
          if (end < 0) {
            throw error("unterminated comment");
          }
          for (int i = pos; i < end; i++) {
            if (s.charAt(i) == '\n') {
              line++;
            }
          }
          pos = end + 2;
        } else if (inSequence && depth == 0 && c == '~' && at(1) == '}') {
          int start = pos;
          pos += 2;
          add(Type.SEQUENCE_END, "~}", start, true);
          return;
        } else if (inSequence && depth == 0 && c == '}') {
          int start = pos++;
          add(Type.SEQUENCE_END, "}", start, false);
          return;
        } else if (c == '"') {
          int start = pos++;
          add(Type.QUOTE_OPEN, "\"", start, false);
          template(Mode.QUOTED, null);
        } else if (c == '<' && at(1) == '<' && (Character.isLetter(at(2)) || at(2) == '-')) {
          heredoc();
        } else if (Character.isLetter(c) || c == '_') {
          int start = pos;
          while (pos < s.length() && (Character.isLetterOrDigit(at(0)) || at(0) == '_' || at(0) == '-')) {
            pos++;
          }
          add(Type.IDENT, s.substring(start, pos), start, false);
        } else if (Character.isDigit(c)) {
          int start = pos;
          while (pos < s.length() && (Character.isDigit(at(0)) || at(0) == '.' && Character.isDigit(at(1)))) {
            pos++;
          }
          if ((at(0) == 'e' || at(0) == 'E') && (Character.isDigit(at(1)) || (at(1) == '-' || at(1) == '+') && Character.isDigit(at(2)))) {
            pos += 2;
            while (Character.isDigit(at(0))) {
              pos++;
            }
          }
          add(Type.NUMBER, s.substring(start, pos), start, false);
        } else {
          int start = pos;
          String symbol = String.valueOf(c);
          for (String two : TWO_CHAR_SYMBOLS) {
            if (s.startsWith(two, pos)) {
              symbol = two;
              break;
            }
          }
          pos += symbol.length();
          if (symbol.equals("{")) {
            depth++;
          } else if (symbol.equals("}")) {
            depth--;
          }
          add(Type.SYMBOL, symbol, start, false);
        }
      }
      if (inSequence) {
        throw error("unterminated ${ or %{ sequence");
      }
    }

    private void heredoc() {
      int start = pos;
      pos += 2;
      if (at(0) == '-') {
        pos++;
      }
      int markerStart = pos;
      while (Character.isLetterOrDigit(at(0)) || at(0) == '_') {
        pos++;
      }
      String marker = s.substring(markerStart, pos);
      if (at(0) == '\r') {
        pos++;
      }
      if (at(0) != '\n') {
        throw error("heredoc marker must end its line");
      }
      add(Type.HEREDOC_OPEN, s.substring(start, pos), start, false);
      pos++;
      line++;
      template(Mode.HEREDOC, marker);
    }

    /** Lexes template text until its end (closing quote, heredoc marker or EOF). */
    void template(Mode mode, String marker) {
      StringBuilder literal = new StringBuilder();
      int literalStart = pos;
      boolean lineStart = mode != Mode.QUOTED;
      while (true) {
        if (pos >= s.length()) {
          if (mode != Mode.FILE) {
            throw error(mode == Mode.QUOTED ? "unterminated string" : "heredoc without its " + marker + " line");
          }
          flush(literal, literalStart);
          return;
        }
        if (mode == Mode.HEREDOC && lineStart) {
          int eol = s.indexOf('\n', pos);
          String lineText = s.substring(pos, eol < 0 ? s.length() : eol).strip();
          if (lineText.equals(marker)) {
            flush(literal, literalStart);
            int start = pos;
            pos += s.substring(pos, eol < 0 ? s.length() : eol).length();
            add(Type.HEREDOC_CLOSE, marker, start, false);
            return;
          }
        }
        lineStart = false;
        char c = at(0);
        if (mode == Mode.QUOTED && c == '"') {
          flush(literal, literalStart);
          int start = pos++;
          add(Type.QUOTE_CLOSE, "\"", start, false);
          return;
        }
        if (mode == Mode.QUOTED && c == '\\') {
          char e = at(1);
          pos += 2;
          switch (e) {
            case 'n' -> literal.append('\n');
            case 't' -> literal.append('\t');
            case 'r' -> literal.append('\r');
            case '"' -> literal.append('"');
            case '\\' -> literal.append('\\');
            case 'u' -> {
              literal.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
              pos += 4;
            }
            case 'U' -> {
              literal.appendCodePoint(Integer.parseInt(s.substring(pos, pos + 8), 16));
              pos += 8;
            }
            default -> throw error("unknown escape \\" + e);
          }
          continue;
        }
        if ((c == '$' || c == '%') && at(1) == c && at(2) == '{') {
          literal.append(c).append('{');
          pos += 3;
          continue;
        }
        if ((c == '$' || c == '%') && at(1) == '{') {
          flush(literal, literalStart);
          int start = pos;
          boolean strip = at(2) == '~';
          pos += strip ? 3 : 2;
          add(c == '$' ? Type.INTERPOLATION : Type.DIRECTIVE, s.substring(start, pos), start, strip);
          expression(true);
          literalStart = pos;
          continue;
        }
        literal.append(c);
        pos++;
        if (c == '\n') {
          line++;
          lineStart = true;
        }
      }
    }

    private void flush(StringBuilder literal, int start) {
      if (!literal.isEmpty()) {
        out.add(new Token(Type.LITERAL, literal.toString(), start, pos, lineAt(start), false));
        literal.setLength(0);
      }
    }
  }

  private Hcl() {}
}
