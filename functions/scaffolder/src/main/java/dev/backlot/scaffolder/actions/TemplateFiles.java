package dev.backlot.scaffolder.actions;

import java.util.Map;

/**
 * The files next to a template, which {@code fetch:*} actions read by relative URL
 * ({@code ./skeleton}). A dry run sends them with the request; templates from the catalog read
 * them from the template's location.
 */
public interface TemplateFiles {
  /** The files below {@code url} (a folder next to the template), keyed by their path below it with '/' separators. */
  Map<String, byte[]> folder(String url);

  /** The one file at {@code url}. */
  byte[] file(String url);
}
