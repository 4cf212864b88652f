package dev.backlot.apidocs.diff;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Value constraints: a tighter bound or a new or changed pattern rejects values clients sent
 * before (breaking when clients send them); looser ones are reported as compatible. A receiver is
 * not broken by a looser bound: clients seldom validate what they parse beyond its type.
 */
final class Constraints {
  private final SchemaContext context;
  private final boolean top;
  private final String at;
  private final Findings out;

  Constraints(SchemaContext context, boolean top, String at, Findings out) {
    this.context = context;
    this.top = top;
    this.at = at;
    this.out = out;
  }

  void compare(SchemaShape from, SchemaShape to) {
    upper("max-length", from.maxLength, to.maxLength);
    lower("min-length", from.minLength, to.minLength);
    upper("max-items", from.maxItems, to.maxItems);
    lower("min-items", from.minItems, to.minItems);
    bound("max", from.maximum, to.maximum, true);
    bound("min", from.minimum, to.minimum, false);
    pattern(from.pattern, to.pattern);
    if (from.format != null && to.format != null && !from.format.equals(to.format)) {
      out.add(context.rule(top, "format-changed"), true, at, "format changed from " + from.format + " to " + to.format);
    }
  }

  private void upper(String name, BigDecimal from, BigDecimal to) {
    if (to != null && (from == null || to.compareTo(from) < 0)) {
      tightened(name + (from == null ? "-set" : "-decreased"), name + (from == null ? " set to " : " decreased from " + plain(from) + " to ") + plain(to));
    } else if (from != null && (to == null || to.compareTo(from) > 0)) {
      loosened(name + (to == null ? "-removed" : "-increased"), name + (to == null ? " " + plain(from) + " removed" : " increased from " + plain(from) + " to " + plain(to)));
    }
  }

  private void lower(String name, BigDecimal from, BigDecimal to) {
    if (to != null && (from == null || to.compareTo(from) > 0)) {
      tightened(name + (from == null ? "-set" : "-increased"), name + (from == null ? " set to " : " increased from " + plain(from) + " to ") + plain(to));
    } else if (from != null && (to == null || to.compareTo(from) < 0)) {
      loosened(name + (to == null ? "-removed" : "-decreased"), name + (to == null ? " " + plain(from) + " removed" : " decreased from " + plain(from) + " to " + plain(to)));
    }
  }

  /** Numeric bounds: a smaller maximum (or a larger minimum), or the same one made exclusive, is tighter. */
  private void bound(String name, SchemaShape.Bound from, SchemaShape.Bound to, boolean upper) {
    if (Objects.equals(from, to)) {
      return;
    }
    String change = name + "imum " + show(from) + " → " + show(to);
    if (to == null) {
      loosened(name + "-removed", change);
      return;
    }
    if (from == null) {
      tightened(name + "-set", change);
      return;
    }
    int order = to.value().compareTo(from.value());
    boolean tighter = (upper ? order < 0 : order > 0) || (order == 0 && to.exclusive() && !from.exclusive());
    if (tighter) {
      tightened(name + (upper ? "-decreased" : "-increased"), change);
    } else {
      loosened(name + (upper ? "-increased" : "-decreased"), change);
    }
  }

  private void pattern(String from, String to) {
    if (Objects.equals(from, to)) {
      return;
    }
    if (to == null) {
      loosened("pattern-removed", "pattern " + from + " removed");
    } else if (from == null) {
      tightened("pattern-added", "pattern " + to + " added");
    } else {
      tightened("pattern-changed", "pattern changed from " + from + " to " + to);
    }
  }

  private void tightened(String check, String message) {
    out.add(context.rule(top, check), context.clientsSend(), at, message);
  }

  private void loosened(String check, String message) {
    out.add(context.rule(top, check), false, at, message);
  }

  private static String show(SchemaShape.Bound bound) {
    return bound == null ? "none" : (bound.exclusive() ? "<" : "") + plain(bound.value());
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
