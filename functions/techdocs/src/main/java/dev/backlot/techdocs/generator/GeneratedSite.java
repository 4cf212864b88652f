package dev.backlot.techdocs.generator;

import java.util.List;
import java.util.Map;

/**
 * A built site: its files by path (pages, copied assets, {@code search/search_index.json}), and
 * per page the links that led nowhere, for the sync's report.
 */
public record GeneratedSite(String siteName, String siteDescription, Map<String, byte[]> files, Map<String, List<String>> brokenLinks) {}
