package dev.backlot.scaffolder.expression;

import java.util.ArrayList;
import java.util.List;

/** Splits a Nunjucks expression into tokens. */
final class Lexer {
  /** Longest first, so that {@code ===} is not read as {@code ==} and {@code =}. */
  private static final List<String> OPERATORS = List.of("===", "!==", "==", "!=", "<=", ">=", "//", "**",
      "<", ">", "+", "-", "*", "/", "%", "~", "|", ".", ",", "(", ")", "[", "]", "{", "}", ":", "=");

  private Lexer() {}

  static List<Token> tokens(String source) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isDigit(c)) {
        int start = i;
        boolean point = false;
        while (i < source.length() && (Character.isDigit(source.charAt(i)) || !point && source.charAt(i) == '.'
            && i + 1 < source.length() && Character.isDigit(source.charAt(i + 1)))) {
          point |= source.charAt(i) == '.';
          i++;
        }
        tokens.add(new Token(Token.Kind.NUMBER, source.substring(start, i), start));
      } else if (Character.isLetter(c) || c == '_' || c == '$') {
        int start = i;
        while (i < source.length() && (Character.isLetterOrDigit(source.charAt(i)) || source.charAt(i) == '_' || source.charAt(i) == '$')) {
          i++;
        }
        tokens.add(new Token(Token.Kind.NAME, source.substring(start, i), start));
      } else if (c == '\'' || c == '"') {
        int start = i;
        StringBuilder text = new StringBuilder();
        i++;
        while (true) {
          if (i >= source.length()) {
            throw new ExpressionException("unterminated string starting at character " + (start + 1));
          }
          char d = source.charAt(i++);
          if (d == c) {
            break;
          }
          if (d == '\\' && i < source.length()) {
            char e = source.charAt(i++);
            text.append(switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> e;
            });
          } else {
            text.append(d);
          }
        }
        tokens.add(new Token(Token.Kind.STRING, text.toString(), start));
      } else {
        String operator = null;
        for (String candidate : OPERATORS) {
          if (source.startsWith(candidate, i)) {
            operator = candidate;
            break;
          }
        }
        if (operator == null) {
          throw new ExpressionException("unexpected character '" + c + "' at character " + (i + 1));
        }
        tokens.add(new Token(Token.Kind.OPERATOR, operator, i));
        i += operator.length();
      }
    }
    tokens.add(new Token(Token.Kind.END, "", source.length()));
    return tokens;
  }
}
