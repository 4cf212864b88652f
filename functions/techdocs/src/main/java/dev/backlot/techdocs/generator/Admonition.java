package dev.backlot.techdocs.generator;

import org.commonmark.node.CustomBlock;

/**
 * An admonition as Python-Markdown writes it for mkdocs-material: {@code !!! note "Title"} (or
 * {@code ??? note} for a collapsed one, {@code ???+} for an open one) with its content indented
 * four spaces below.
 */
final class Admonition extends CustomBlock {
  final String type;
  final String title;
  final Collapsible collapsible;

  enum Collapsible { NO, CLOSED, OPEN }

  Admonition(String type, String title, Collapsible collapsible) {
    this.type = type;
    this.title = title;
    this.collapsible = collapsible;
  }
}
