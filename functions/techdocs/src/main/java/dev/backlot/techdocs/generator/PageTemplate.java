package dev.backlot.techdocs.generator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A generated page's HTML, with mkdocs-material's class names where the reader looks for them:
 * {@code nav.md-nav--primary} with {@code a.md-nav__link} (the current one {@code --active}),
 * {@code article.md-content__inner} holding the page, and the edit link
 * {@code a.md-content__button[title="Edit this page"]}. No scripts and no styles of its own: the
 * reader styles it, and the served page's CSP would block scripts anyway.
 */
final class PageTemplate {
  private PageTemplate() {}

  static String page(String siteName, RenderedPage page, String pageUrl, List<NavItem> nav, Map<String, RenderedPage> pages,
      Optional<String> editUrl) {
    StringBuilder html = new StringBuilder(page.html().length() + 2048);
    html.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"backlot-techdocs\">\n")
        .append("<title>").append(Html.escape(page.title().equals(siteName) ? siteName : page.title() + " - " + siteName)).append("</title>\n")
        .append("</head>\n<body>\n<div class=\"md-container\">\n<main class=\"md-main\">\n<div class=\"md-main__inner\">\n")
        .append("<div class=\"md-sidebar md-sidebar--primary\">\n<nav class=\"md-nav md-nav--primary\" aria-label=\"Navigation\">\n")
        .append("<label class=\"md-nav__title\">").append(Html.escape(siteName)).append("</label>\n");
    list(html, nav, pageUrl, pages);
    html.append("</nav>\n</div>\n<div class=\"md-content\" data-md-component=\"content\">\n<article class=\"md-content__inner md-typeset\">\n");
    editUrl.ifPresent(url -> html.append("<a href=\"").append(Html.escape(url))
        .append("\" title=\"Edit this page\" class=\"md-content__button md-icon\" rel=\"edit\">Edit this page</a>\n"));
    html.append(page.html()).append("</article>\n</div>\n</div>\n</main>\n</div>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void list(StringBuilder html, List<NavItem> items, String pageUrl, Map<String, RenderedPage> pages) {
    html.append("<ul class=\"md-nav__list\">\n");
    for (NavItem item : items) {
      html.append("<li class=\"md-nav__item").append(item.isSection() ? " md-nav__item--nested" : "").append("\">");
      if (item.isSection()) {
        html.append("<span class=\"md-nav__link\">").append(Html.escape(item.title())).append("</span>\n");
        list(html, item.children(), pageUrl, pages);
      } else if (item.url() != null) {
        html.append("<a class=\"md-nav__link\" href=\"").append(Html.escape(item.url())).append("\">")
            .append(Html.escape(item.title())).append("</a>");
      } else {
        RenderedPage target = pages.get(item.page());
        String url = PagePaths.url(item.page());
        String title = item.title() != null ? item.title() : target != null ? target.title() : PageRenderer.fallbackTitle(item.page());
        html.append("<a class=\"md-nav__link").append(url.equals(pageUrl) ? " md-nav__link--active" : "").append("\" href=\"")
            .append(Html.escape(PagePaths.relative(pageUrl, url))).append("\">").append(Html.escape(title)).append("</a>");
      }
      html.append("</li>\n");
    }
    html.append("</ul>\n");
  }
}
