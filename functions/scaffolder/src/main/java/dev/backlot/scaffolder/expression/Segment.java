package dev.backlot.scaffolder.expression;

import java.util.List;

/** A parsed template text: literal text, {@code ${{ output }}}, and the {@code {% if %}} and {@code {% for %}} blocks. */
sealed interface Segment {
  record Text(String text) implements Segment {}

  record Output(String source, Node expression) implements Segment {}

  record Branch(Node condition, List<Segment> body) {}

  /** The branches in order; a null condition is the {@code else}. */
  record If(List<Branch> branches) implements Segment {}

  record For(List<String> names, Node iterable, List<Segment> body, List<Segment> otherwise) implements Segment {}
}
