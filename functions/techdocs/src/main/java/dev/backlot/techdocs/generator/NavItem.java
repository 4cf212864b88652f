package dev.backlot.techdocs.generator;

import java.util.List;

/**
 * One entry of the site's navigation: a page of the site ({@code page} is its Markdown path
 * below the docs folder), an outside link ({@code url}), or a section of {@code children}.
 */
record NavItem(String title, String page, String url, List<NavItem> children) {
  static NavItem page(String title, String page) {
    return new NavItem(title, page, null, List.of());
  }

  static NavItem link(String title, String url) {
    return new NavItem(title, null, url, List.of());
  }

  static NavItem section(String title, List<NavItem> children) {
    return new NavItem(title, null, null, List.copyOf(children));
  }

  boolean isSection() {
    return page == null && url == null;
  }
}
