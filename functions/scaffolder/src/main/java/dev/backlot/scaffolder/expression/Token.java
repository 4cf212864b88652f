package dev.backlot.scaffolder.expression;

/** One token of an expression: a name, a number, a string literal or an operator. */
record Token(Kind kind, String text, int at) {
  enum Kind { NAME, NUMBER, STRING, OPERATOR, END }

  boolean is(String operatorOrName) {
    return (kind == Kind.OPERATOR || kind == Kind.NAME) && text.equals(operatorOrName);
  }
}
