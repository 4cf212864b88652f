package dev.backlot.scaffolder.expression;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Nunjucks' expression grammar, with its precedence: filters bind tighter than operators. */
final class Parser {
  /** Deeper nesting than this is refused, so that a crafted expression cannot exhaust the stack. */
  static final int MAX_DEPTH = 64;
  private static final Set<String> COMPARISONS = Set.of("==", "!=", "===", "!==", "<", ">", "<=", ">=");

  private final List<Token> tokens;
  private final String source;
  private int position;
  private int depth;

  private Parser(String source) {
    this.source = source;
    this.tokens = Lexer.tokens(source);
  }

  static Node parse(String source) {
    Parser parser = new Parser(source);
    Node node = parser.expression();
    if (parser.peek().kind() != Token.Kind.END) {
      throw parser.unexpected();
    }
    return node;
  }

  /** For loops: {@code a, b in expr}; returns the names and the expression. */
  static ForHead forHead(String source) {
    Parser parser = new Parser(source);
    List<String> names = new ArrayList<>();
    names.add(parser.name());
    while (parser.accept(",")) {
      names.add(parser.name());
    }
    if (!parser.accept("in")) {
      throw parser.unexpected();
    }
    Node node = parser.expression();
    if (parser.peek().kind() != Token.Kind.END) {
      throw parser.unexpected();
    }
    return new ForHead(names, node);
  }

  record ForHead(List<String> names, Node iterable) {}

  private Node expression() {
    if (++depth > MAX_DEPTH) {
      throw new ExpressionException("expression nested deeper than " + MAX_DEPTH + " levels");
    }
    try {
      Node value = or();
      if (accept("if")) {
        Node condition = or();
        Node otherwise = accept("else") ? expression() : null;
        return new Node.Conditional(condition, value, otherwise);
      }
      return value;
    } finally {
      depth--;
    }
  }

  private Node or() {
    Node left = and();
    while (accept("or")) {
      left = new Node.Binary("or", left, and());
    }
    return left;
  }

  private Node and() {
    Node left = not();
    while (accept("and")) {
      left = new Node.Binary("and", left, not());
    }
    return left;
  }

  private Node not() {
    if (accept("not")) {
      return new Node.Unary("not", nested(this::not));
    }
    return in();
  }

  private Node in() {
    Node left = is();
    while (true) {
      if (peek().is("not") && peekAt(1).is("in")) {
        position += 2;
        left = new Node.Unary("not", new Node.Binary("in", left, is()));
      } else if (accept("in")) {
        left = new Node.Binary("in", left, is());
      } else {
        return left;
      }
    }
  }

  private Node is() {
    Node left = compare();
    if (accept("is")) {
      boolean negated = accept("not");
      return new Node.Test(left, name(), negated);
    }
    return left;
  }

  private Node compare() {
    Node left = concat();
    while (peek().kind() == Token.Kind.OPERATOR && COMPARISONS.contains(peek().text())) {
      String operator = next().text();
      left = new Node.Binary(operator, left, concat());
    }
    return left;
  }

  private Node concat() {
    Node left = add();
    while (accept("~")) {
      left = new Node.Binary("~", left, add());
    }
    return left;
  }

  private Node add() {
    Node left = multiply();
    while (peek().is("+") || peek().is("-")) {
      String operator = next().text();
      left = new Node.Binary(operator, left, multiply());
    }
    return left;
  }

  private Node multiply() {
    Node left = unary();
    while (peek().is("*") || peek().is("/") || peek().is("//") || peek().is("%") || peek().is("**")) {
      String operator = next().text();
      left = new Node.Binary(operator, left, unary());
    }
    return left;
  }

  private Node unary() {
    if (peek().is("-") || peek().is("+")) {
      String operator = next().text();
      return new Node.Unary(operator, nested(this::unary));
    }
    return filters(postfix());
  }

  private Node filters(Node input) {
    Node node = input;
    while (accept("|")) {
      String filter = name();
      while (accept(".")) {
        filter += "." + name();
      }
      List<Node> arguments = peek().is("(") ? arguments() : List.of();
      node = new Node.Filter(filter, node, arguments);
    }
    return node;
  }

  private Node postfix() {
    Node node = primary();
    while (true) {
      if (accept(".")) {
        node = new Node.Lookup(node, new Node.Literal(TextNode.valueOf(name())));
      } else if (accept("[")) {
        Node key = nested(this::expression);
        expect("]");
        node = new Node.Lookup(node, key);
      } else if (peek().is("(") && node instanceof Node.Name name) {
        node = new Node.Call(name.name(), arguments());
      } else if (peek().is("(")) {
        throw new ExpressionException("calling methods is not allowed, at character " + (peek().at() + 1) + " of '" + source + "'");
      } else {
        return node;
      }
    }
  }

  private Node primary() {
    Token token = next();
    switch (token.kind()) {
      case NUMBER:
        return new Node.Literal(token.text().contains(".") ? DoubleNode.valueOf(Double.parseDouble(token.text()))
            : LongNode.valueOf(parseLong(token.text())));
      case STRING:
        return new Node.Literal(TextNode.valueOf(token.text()));
      case NAME:
        return switch (token.text()) {
          case "true", "True" -> new Node.Literal(BooleanNode.TRUE);
          case "false", "False" -> new Node.Literal(BooleanNode.FALSE);
          case "none", "None", "null" -> new Node.Literal(NullNode.getInstance());
          default -> new Node.Name(token.text());
        };
      case OPERATOR:
        if (token.is("(")) {
          Node inner = nested(this::expression);
          expect(")");
          return inner;
        }
        if (token.is("[")) {
          List<Node> items = new ArrayList<>();
          while (!accept("]")) {
            items.add(nested(this::expression));
            if (!peek().is("]")) {
              expect(",");
            }
          }
          return new Node.ListOf(items);
        }
        if (token.is("{")) {
          List<Node> keys = new ArrayList<>();
          List<Node> values = new ArrayList<>();
          while (!accept("}")) {
            keys.add(nested(this::expression));
            expect(":");
            values.add(nested(this::expression));
            if (!peek().is("}")) {
              expect(",");
            }
          }
          return new Node.DictOf(keys, values);
        }
        back(token);
        throw unexpected();
      default:
        back(token);
        throw unexpected();
    }
  }

  private long parseLong(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ExpressionException("number too large: " + text);
    }
  }

  private List<Node> arguments() {
    expect("(");
    List<Node> arguments = new ArrayList<>();
    while (!accept(")")) {
      // Keyword arguments (default(x, boolean=true)) are read by position, as the filters here take them.
      if (peek().kind() == Token.Kind.NAME && peekAt(1).is("=")) {
        position += 2;
      }
      arguments.add(nested(this::expression));
      if (!peek().is(")")) {
        expect(",");
      }
    }
    return arguments;
  }

  private Node nested(java.util.function.Supplier<Node> rule) {
    if (++depth > MAX_DEPTH) {
      throw new ExpressionException("expression nested deeper than " + MAX_DEPTH + " levels");
    }
    try {
      return rule.get();
    } finally {
      depth--;
    }
  }

  private String name() {
    Token token = next();
    if (token.kind() != Token.Kind.NAME) {
      back(token);
      throw unexpected();
    }
    return token.text();
  }

  /** Un-reads {@code token}: the end is never consumed, so it is not un-read either. */
  private void back(Token token) {
    if (token.kind() != Token.Kind.END) {
      position--;
    }
  }

  private Token peek() {
    return tokens.get(position);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(position + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token token = tokens.get(position);
    if (token.kind() != Token.Kind.END) {
      position++;
    }
    return token;
  }

  private boolean accept(String text) {
    if (peek().is(text) && peek().kind() != Token.Kind.STRING) {
      position++;
      return true;
    }
    return false;
  }

  private void expect(String text) {
    if (!accept(text)) {
      throw unexpected();
    }
  }

  private ExpressionException unexpected() {
    Token token = peek();
    return new ExpressionException(token.kind() == Token.Kind.END ? "unexpected end of expression '" + source + "'"
        : "unexpected '" + token.text() + "' at character " + (token.at() + 1) + " of '" + source + "'");
  }
}
