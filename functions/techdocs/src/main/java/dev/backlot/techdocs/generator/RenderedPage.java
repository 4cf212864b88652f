package dev.backlot.techdocs.generator;

import java.util.List;

/**
 * A Markdown page rendered: its title (the first level-1 heading, else the nav's, else its file
 * name), its HTML body, its plain text for the search index, and the links that led nowhere.
 */
record RenderedPage(String title, String html, String text, List<String> brokenLinks) {}
