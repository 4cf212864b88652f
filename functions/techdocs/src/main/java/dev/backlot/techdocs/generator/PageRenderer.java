package dev.backlot.techdocs.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Renders one page with commonmark-java: CommonMark plus GitHub's tables, task lists and
 * strikethrough, mkdocs-material's admonitions, heading ids, fenced code marked with its language
 * ({@code language-x}, as highlighters expect), and relative links and images rewritten from the
 * Markdown files to where mkdocs puts the pages. URLs with unsafe schemes ({@code javascript:})
 * are dropped by the renderer.
 */
final class PageRenderer {
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), StrikethroughExtension.create(),
      TaskListItemsExtension.create(), HeadingAnchorExtension.create(), AdmonitionExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final TextContentRenderer TEXT = TextContentRenderer.builder().extensions(EXTENSIONS).build();

  private final Set<String> files;

  /** {@code files}: every file of the docs folder, by path below it, so links can be checked. */
  PageRenderer(Set<String> files) {
    this.files = files;
  }

  RenderedPage render(String markdownPath, String markdown, String navTitle) {
    Node document = PARSER.parse(markdown);
    String pageFolder = PagePaths.url(markdownPath);
    List<String> broken = new ArrayList<>();
    HtmlRenderer html = HtmlRenderer.builder().extensions(EXTENSIONS).sanitizeUrls(true)
        .attributeProviderFactory(context -> new Rewriting(markdownPath, pageFolder, broken)).build();
    String body = html.render(document);
    return new RenderedPage(title(document).or(() -> Optional.ofNullable(navTitle)).orElseGet(() -> fallbackTitle(markdownPath)),
        body, TEXT.render(document), List.copyOf(broken));
  }

  private static Optional<String> title(Node document) {
    String[] found = {null};
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(Heading heading) {
        if (found[0] == null && heading.getLevel() == 1) {
          StringBuilder text = new StringBuilder();
          heading.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
              text.append(t.getLiteral());
            }
          });
          found[0] = text.toString().strip();
        }
      }
    });
    return Optional.ofNullable(found[0]).filter(t -> !t.isEmpty());
  }

  static String fallbackTitle(String markdownPath) {
    String url = PagePaths.url(markdownPath);
    String name = url.isEmpty() ? "Home" : url.substring(0, url.length() - 1).replaceAll(".*/", "");
    String words = name.replace('-', ' ').replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /** Rewrites {@code href} and {@code src} of relative links and images; marks fenced code's language. */
  private final class Rewriting implements AttributeProvider {
    private final String markdownPath;
    private final String pageFolder;
    private final List<String> broken;

    Rewriting(String markdownPath, String pageFolder, List<String> broken) {
      this.markdownPath = markdownPath;
      this.pageFolder = pageFolder;
      this.broken = broken;
    }

    @Override
    public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
      if (node instanceof Link && attributes.containsKey("href")) {
        String href = attributes.get("href");
        attributes.put("href", rewrite(href));
        if (!href.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
          // The sanitizer's nofollow is for links out of the site, not between its pages.
          attributes.remove("rel");
        }
      } else if (node instanceof Image && attributes.containsKey("src")) {
        attributes.put("src", rewrite(attributes.get("src")));
      } else if (node instanceof FencedCodeBlock code && tagName.equals("pre")) {
        attributes.put("class", "highlight");
        String info = code.getInfo() == null ? "" : code.getInfo().strip();
        if (!info.isEmpty()) {
          attributes.put("data-lang", info.split("\\s+")[0]);
        }
      }
    }

    private String rewrite(String url) {
      if (url.isEmpty() || url.startsWith("#") || url.startsWith("/") || url.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
        return url;
      }
      int cut = indexOfAny(url, '#', '?');
      String path = cut < 0 ? url : url.substring(0, cut);
      String suffix = cut < 0 ? "" : url.substring(cut);
      String decoded = java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
      Optional<String> target = PagePaths.resolve(markdownPath, decoded);
      if (target.isEmpty()) {
        broken.add(url);
        return "#";
      }
      String resolved = target.get();
      if (resolved.endsWith(".md")) {
        if (!files.contains(resolved)) {
          broken.add(url);
        }
        return PagePaths.relative(pageFolder, PagePaths.url(resolved)) + suffix;
      }
      if (!resolved.isEmpty() && !resolved.endsWith("/") && !files.contains(resolved)) {
        broken.add(url);
      }
      return PagePaths.relative(pageFolder, resolved) + suffix;
    }
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }
}
