package dev.backlot.apidocs.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.parser.Parser;

/**
 * Counts the values a definition becomes once read, from the parser's event stream, before
 * anything but the composer's nodes is built. A YAML alias counts as everything its anchor holds, so a few hundred bytes of
 * aliases that would expand to millions of values (more than the heap holds as a tree) are refused
 * here, in time and memory proportional to the text. Every scalar, key and collection is a value.
 */
final class ValueBudget {
  private final Limits limits;

  ValueBudget(Limits limits) {
    this.limits = limits;
  }

  /**
   * {@code parser}'s events, each counted as the composer takes it: YAML over the value or depth
   * limit is refused at the event that crosses it, while the composer has built only nodes (an
   * alias shares its anchor's node), so the one pass over the text both checks and reads it.
   */
  Parser counting(Parser parser) {
    YamlCount count = new YamlCount();
    return new Parser() {
      @Override
      public boolean checkEvent(Event.ID choice) {
        return parser.checkEvent(choice);
      }

      @Override
      public Event peekEvent() {
        return parser.peekEvent();
      }

      @Override
      public Event getEvent() {
        Event event = parser.getEvent();
        count.add(event);
        return event;
      }
    };
  }

  /** Refuses {@code json} with more values than the limit; JSON has no aliases, so this is its length in values. */
  void checkJson(String json, JsonFactory factory) throws IOException {
    long values = 0;
    try (JsonParser parser = factory.createParser(json)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (!token.isStructEnd() && ++values > limits.maxNodes()) {
          throw new DefinitionTooLargeException("Definition has more than " + limits.maxNodes() + " values");
        }
      }
    }
  }

  /** What a node expands to: its values, and how many levels of collections lie below it (a scalar 0). */
  private record Expanded(long values, int levels) {
    static final Expanded SCALAR = new Expanded(1, 0);
  }

  /** A collection being read: its anchor, and the values and levels found in it so far. */
  private static final class Open {
    final String anchor;
    long values = 1;
    int levels;

    Open(String anchor) {
      this.anchor = anchor;
    }

    void add(Expanded child) {
      values += child.values();
      levels = Math.max(levels, child.levels() + 1);
    }
  }

  /** The running count over one event stream. */
  private final class YamlCount {
    private final Deque<Open> open = new ArrayDeque<>();
    private final Map<String, Expanded> anchors = new HashMap<>();
    private long values;
    private boolean aliased;

    void add(Event event) {
      switch (event) {
        case CollectionStartEvent start -> {
          count(Expanded.SCALAR);
          open.push(new Open(start.getAnchor()));
        }
        case AliasEvent alias -> {
          aliased = true;
          Expanded expanded = expansionOf(alias);
          count(expanded);
          addToParent(expanded);
        }
        case ScalarEvent scalar -> {
          count(Expanded.SCALAR);
          remember(scalar.getAnchor(), Expanded.SCALAR);
          addToParent(Expanded.SCALAR);
        }
        default -> {
          if (event.is(Event.ID.MappingEnd) || event.is(Event.ID.SequenceEnd)) {
            Open closed = open.pop();
            Expanded expanded = new Expanded(closed.values, closed.levels);
            remember(closed.anchor, expanded);
            addToParent(expanded);
          }
        }
      }
    }

    /** What {@code *name} stands for; an undefined name is left to the composer, which reports it. */
    private Expanded expansionOf(AliasEvent alias) {
      for (Open collection : open) {
        if (alias.getAnchor().equals(collection.anchor)) {
          throw new UnreadableDefinitionException("YAML alias *" + alias.getAnchor() + " is inside the collection it names,"
              + " so it never ends", at(alias.getStartMark()));
        }
      }
      return anchors.getOrDefault(alias.getAnchor(), Expanded.SCALAR);
    }

    /** Adds a node met at the current position to the total, refusing it past the value or depth limit. */
    private void count(Expanded node) {
      values += node.values();
      if (values > limits.maxNodes()) {
        throw new DefinitionTooLargeException(aliased
            ? "Definition expands to more than " + limits.maxNodes() + " values once YAML aliases are followed"
            : "Definition has more than " + limits.maxNodes() + " values");
      }
      // The node sits below every open collection; its deepest value as many levels further down.
      if (open.size() + node.levels() > limits.maxDepth()) {
        throw new UnreadableDefinitionException("Definition is nested deeper than " + limits.maxDepth() + " levels"
            + (aliased ? " once YAML aliases are followed" : ""), null);
      }
    }

    private void addToParent(Expanded node) {
      if (!open.isEmpty()) {
        open.peek().add(node);
      }
    }

    private void remember(String anchor, Expanded node) {
      if (anchor != null) {
        anchors.put(anchor, node);
      }
    }
  }

  /** Where a YAML problem is, as the reports write it. */
  static String at(Mark mark) {
    return mark == null ? null : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }
}
